// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-marketplace"

/* The marketplace's products: reading them, with their options and
 * variants, and publishing them with their photos. */

#include <string.h>

#include "comptoir-marketplace-private.h"
#include "comptoir-variant.h"

/* Parsing what the marketplace sends */

static const char * const units[] = { "piece", "kg", "100g", "litre", "bunch", "lot", NULL };

static gboolean
parse_option_values (JsonArray  *array,
                     guint       max,
                     GStrv      *out,
                     GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (json_array_get_length (array) > max)
    {
      comptoir_json_set_protocol_error (error, "options");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || *json_node_get_string (node) == '\0' || strlen (json_node_get_string (node)) > 40)
        {
          comptoir_json_set_protocol_error (error, "options");
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Options {name, values[]} and variants {option_values[], price_cents,
 * stock (null: not tracked), sku}, checked as the catalogue checks them. */
static gboolean
parse_options_and_variants (JsonObject       *object,
                            ComptoirProduct  *product,
                            GError          **error)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_variant_free);
  JsonArray *json_options = NULL, *json_variants = NULL;

  if (!comptoir_json_get_array (object, "options", COMPTOIR_JSON_OPTIONAL, COMPTOIR_MAX_OPTIONS, &json_options, error)
      || !comptoir_json_get_array (object, "variants", COMPTOIR_JSON_OPTIONAL, 400, &json_variants, error))
    return FALSE;
  for (guint i = 0; json_options != NULL && i < json_array_get_length (json_options); i++)
    {
      JsonObject *option = comptoir_json_array_object (json_options, i, "options", error);
      JsonArray *values;
      const char *name;
      g_auto(GStrv) strv = NULL;

      if (option == NULL
          || !comptoir_json_get_string (option, "name", COMPTOIR_JSON_REQUIRED, 40, &name, error)
          || !comptoir_json_get_array (option, "values", COMPTOIR_JSON_REQUIRED, 20, &values, error)
          || !parse_option_values (values, 20, &strv, error))
        return FALSE;
      g_ptr_array_add (options, comptoir_product_option_new (name, (const char * const *) strv));
    }
  for (guint i = 0; options->len > 0 && json_variants != NULL && i < json_array_get_length (json_variants); i++)
    {
      JsonObject *json_variant = comptoir_json_array_object (json_variants, i, "variants", error);
      JsonArray *values;
      const char *sku = NULL;
      gint64 price, stock = 0;
      g_auto(GStrv) strv = NULL;
      ComptoirVariant *variant;

      if (json_variant == NULL
          || !comptoir_json_get_array (json_variant, "option_values", COMPTOIR_JSON_REQUIRED, COMPTOIR_MAX_OPTIONS, &values, error)
          || !parse_option_values (values, options->len, &strv, error)
          || !comptoir_json_get_int (json_variant, "price_cents", COMPTOIR_JSON_REQUIRED, 0, 100000000, &price, error)
          || !comptoir_json_get_int (json_variant, "stock", COMPTOIR_JSON_OPTIONAL, 0, G_MAXINT32, &stock, error)
          || !comptoir_json_get_string (json_variant, "sku", COMPTOIR_JSON_OPTIONAL, 64, &sku, error))
        return FALSE;
      if (g_strv_length (strv) != options->len)
        {
          comptoir_json_set_protocol_error (error, "variants");
          return FALSE;
        }
      variant = comptoir_variant_new (strv[0], strv[1], price);
      variant->stock_tracked = json_object_has_member (json_variant, "stock")
                               && !json_object_get_null_member (json_variant, "stock");
      variant->stock = variant->stock_tracked ? stock : 0;
      g_free (variant->sku);
      variant->sku = g_strdup (sku ? sku : "");
      g_ptr_array_add (variants, variant);
    }
  if (!comptoir_variants_check (options, variants, NULL))
    {
      comptoir_json_set_protocol_error (error, "variants");
      return FALSE;
    }
  comptoir_product_set_options (product, options);
  comptoir_product_set_variants (product, variants);
  return TRUE;
}

static ComptoirProduct *
parse_product (JsonObject  *object,
               GError     **error)
{
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  const char *name, *description, *unit, *category, *gtin, *sku;
  gint64 price, vat, stock;
  gboolean has_stock, published = TRUE;

  if (!comptoir_json_get_string (object, "name", COMPTOIR_JSON_REQUIRED, 140, &name, error)
      || !comptoir_json_get_string (object, "description", COMPTOIR_JSON_OPTIONAL, 5000, &description, error)
      || !comptoir_json_get_int (object, "price_cents", COMPTOIR_JSON_REQUIRED, 0, 100000000, &price, error)
      || !comptoir_json_get_int (object, "vat_rate", COMPTOIR_JSON_REQUIRED, 0, 10000, &vat, error)
      || !comptoir_json_get_int (object, "stock", COMPTOIR_JSON_OPTIONAL, 0, G_MAXINT32, &stock, error)
      || !comptoir_json_get_enum (object, "unit", COMPTOIR_JSON_REQUIRED, units, &unit, error)
      || !comptoir_json_get_string (object, "category", COMPTOIR_JSON_OPTIONAL, 80, &category, error)
      || !comptoir_json_get_string (object, "gtin", COMPTOIR_JSON_OPTIONAL, 14, &gtin, error)
      || !comptoir_json_get_string (object, "sku", COMPTOIR_JSON_OPTIONAL, 64, &sku, error)
      || !comptoir_json_get_bool (object, "published", COMPTOIR_JSON_OPTIONAL, &published, error))
    return NULL;
  if (vat != 2000 && vat != 1000 && vat != 550 && vat != 210)
    {
      comptoir_json_set_protocol_error (error, "vat_rate");
      return NULL;
    }
  has_stock = json_object_has_member (object, "stock") && !json_object_get_null_member (object, "stock");
  if (!json_object_has_member (object, "published"))
    published = TRUE;

  comptoir_product_set_name (product, name);
  comptoir_product_set_description (product, description ? description : "");
  comptoir_product_set_price_cents (product, price);
  comptoir_product_set_vat_rate (product, (int) vat);
  comptoir_product_set_stock_tracked (product, has_stock);
  comptoir_product_set_stock (product, has_stock ? stock : 0);
  comptoir_product_set_unit (product, unit);
  comptoir_product_set_category (product, category ? category : "");
  comptoir_product_set_gtin (product, gtin ? gtin : "");
  comptoir_product_set_sku (product, sku ? sku : "");
  comptoir_product_set_visibility (product, published ? COMPTOIR_VISIBILITY_MARKETPLACE : 0);
  if (!parse_options_and_variants (object, product, error))
    return NULL;
  return g_steal_pointer (&product);
}

static gpointer
parse_product_page (ComptoirConnector *self, ComptoirHttpResponse *response, GError **error)
{
  return comptoir_connector_parse_page (response, "updated_at", comptoir_marketplace_parse_remote,
                                        (ComptoirItemParser) parse_product, error);
}

/* Building what the marketplace takes */

static void
add_options_and_variants (JsonObject      *object,
                          ComptoirProduct *product)
{
  GPtrArray *options = comptoir_product_get_options (product);
  GPtrArray *variants = comptoir_product_get_variants (product);
  JsonArray *json_options = json_array_new ();
  JsonArray *json_variants = json_array_new ();

  for (guint i = 0; i < options->len && i < COMPTOIR_MAX_OPTIONS; i++)
    {
      ComptoirProductOption *option = options->pdata[i];
      JsonObject *json_option = json_object_new ();
      JsonArray *values = json_array_new ();

      json_object_set_string_member (json_option, "name", option->name);
      for (guint j = 0; option->values != NULL && option->values[j] != NULL; j++)
        json_array_add_string_element (values, option->values[j]);
      json_object_set_array_member (json_option, "values", values);
      json_array_add_object_element (json_options, json_option);
    }
  for (guint i = 0; options->len > 0 && i < variants->len; i++)
    {
      ComptoirVariant *variant = variants->pdata[i];
      JsonObject *json_variant = json_object_new ();
      JsonArray *values = json_array_new ();

      json_array_add_string_element (values, variant->value1);
      if (options->len > 1 && variant->value2 != NULL)
        json_array_add_string_element (values, variant->value2);
      json_object_set_array_member (json_variant, "option_values", values);
      json_object_set_int_member (json_variant, "price_cents", variant->price_cents);
      if (variant->stock_tracked)
        json_object_set_int_member (json_variant, "stock", MAX (0, variant->stock));
      else
        json_object_set_null_member (json_variant, "stock");
      comptoir_marketplace_set_nullable_string (json_variant, "sku", variant->sku);
      json_array_add_object_element (json_variants, json_variant);
    }
  json_object_set_array_member (object, "options", json_options);
  json_object_set_array_member (object, "variants", json_variants);
}

JsonObject *
comptoir_marketplace_product_input (ComptoirProduct    *product,
                                    const char * const *media)
{
  JsonObject *object = json_object_new ();
  JsonArray *photos = json_array_new ();
  const char *unit = comptoir_product_get_unit (product);

  json_object_set_string_member (object, "name", comptoir_product_get_name (product));
  comptoir_marketplace_set_nullable_string (object, "description", comptoir_product_get_description (product));
  json_object_set_int_member (object, "price_cents", comptoir_product_get_price_cents (product));
  json_object_set_int_member (object, "vat_rate", comptoir_product_get_vat_rate (product));
  if (comptoir_product_get_stock_tracked (product))
    json_object_set_int_member (object, "stock", MAX (0, comptoir_product_get_stock (product)));
  else
    json_object_set_null_member (object, "stock");
  json_object_set_string_member (object, "unit", g_strv_contains (units, unit) ? unit : "piece");
  comptoir_marketplace_set_nullable_string (object, "category", comptoir_product_get_category (product));
  comptoir_marketplace_set_nullable_string (object, "gtin", comptoir_product_get_gtin (product));
  comptoir_marketplace_set_nullable_string (object, "sku", comptoir_product_get_sku (product));
  for (guint i = 0; media != NULL && media[i] != NULL && i < 10; i++)
    json_array_add_string_element (photos, media[i]);
  json_object_set_array_member (object, "photos", photos);
  add_options_and_variants (object, product);
  json_object_set_boolean_member (object, "published",
                                  (comptoir_product_get_visibility (product) & COMPTOIR_VISIBILITY_MARKETPLACE)
                                  && !comptoir_product_get_archived (product));
  return object;
}

/* With @media NULL, the connector publishes the product's own photos
 * (stored products: their web images, uploaded first). */
static void
push_product (ComptoirConnector      *self,
              const char             *method,
              char                   *url,
              ComptoirProduct        *product,
              const char * const     *media,
              const ComptoirMutation *mutation,
              GTask                  *task)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) hashes = NULL;
  g_autoptr(ComptoirProduct) full = comptoir_connector_product_details (self, product, &hashes, &error);
  ComptoirMarketplacePush *data;

  if (full == NULL)
    {
      g_free (url);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (media != NULL)
    {
      g_autoptr(JsonObject) body = comptoir_marketplace_product_input (full, media);

      comptoir_connector_call (self, method, url, body, NULL, mutation, comptoir_marketplace_parse_remote_response,
                               (GDestroyNotify) comptoir_remote_object_free, task);
      g_free (url);
      return;
    }
  data = comptoir_marketplace_push_new (method, url, mutation);
  data->product = g_steal_pointer (&full);
  g_task_set_task_data (task, data, (GDestroyNotify) comptoir_marketplace_push_free);
  comptoir_connector_upload_pictures_async (self, (const char * const *) hashes, g_task_get_cancellable (task),
                                            comptoir_marketplace_push_pictures_cb, task);
}

static void
marketplace_create_product (ComptoirPlatform       *platform,
                            ComptoirProduct        *product,
                            const char * const     *media,
                            const ComptoirMutation *mutation,
                            GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);

  push_product (self, "POST", comptoir_connector_url (self, "/products", NULL, NULL), product, media, mutation, task);
}

static void
marketplace_update_product (ComptoirPlatform       *platform,
                            const char             *remote_id,
                            ComptoirProduct        *product,
                            const char * const     *media,
                            const ComptoirMutation *mutation,
                            GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);

  push_product (self, "PUT", comptoir_connector_url (self, "/products", remote_id, NULL), product, media, mutation, task);
}

static void
marketplace_delete_product (ComptoirPlatform       *platform,
                            const char             *remote_id,
                            const ComptoirMutation *mutation,
                            GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/products", remote_id, NULL);

  comptoir_connector_call (self, "DELETE", url, NULL, NULL, mutation, NULL, NULL, task);
}

static void
marketplace_list_products (ComptoirPlatform *platform,
                           const char       *cursor,
                           const char       *updated_since,
                           GTask            *task)
{
  comptoir_connector_list (COMPTOIR_CONNECTOR (platform), "/products", cursor, updated_since,
                           parse_product_page, task);
}

void
comptoir_marketplace_products_iface_init (ComptoirPlatformInterface *iface)
{
  iface->create_product = marketplace_create_product;
  iface->update_product = marketplace_update_product;
  iface->delete_product = marketplace_delete_product;
  iface->list_products = marketplace_list_products;
}
