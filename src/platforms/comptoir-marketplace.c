// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-marketplace"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-connector-private.h"
#include "comptoir-error.h"
#include "comptoir-marketplace.h"
#include "comptoir-shop-jsonld.h"
#include "comptoir-variant.h"

#define MAX_ID 64
#define MAX_MONEY G_GINT64_CONSTANT (100000000000) /* a billion euros */

typedef struct _ComptoirMarketplace ComptoirMarketplace;
typedef struct _ComptoirMarketplaceClass ComptoirMarketplaceClass;

struct _ComptoirMarketplace
{
  ComptoirConnector parent_instance;
};

struct _ComptoirMarketplaceClass
{
  ComptoirConnectorClass parent_class;
};

static void platform_iface_init (ComptoirPlatformInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ComptoirMarketplace, comptoir_marketplace, COMPTOIR_TYPE_CONNECTOR,
                               G_IMPLEMENT_INTERFACE (COMPTOIR_TYPE_PLATFORM, platform_iface_init))

#define CONNECTOR(self) COMPTOIR_CONNECTOR (self)

/* Parsing what the marketplace sends */

static ComptoirRemoteObject *
parse_remote (JsonObject            *object,
              ComptoirHttpResponse  *response,
              GError               **error)
{
  g_autoptr(ComptoirRemoteObject) remote = g_new0 (ComptoirRemoteObject, 1);
  const char *id, *url;
  gint64 version;

  if (!comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &id, error)
      || !comptoir_json_get_int (object, "version", COMPTOIR_JSON_OPTIONAL, 1, G_MAXINT64, &version, error)
      || !comptoir_json_get_string (object, "url", COMPTOIR_JSON_OPTIONAL, 2000, &url, error))
    return NULL;
  remote->id = g_strdup (id);
  remote->version = version ? version : (response ? response->version : 0);
  remote->url = g_strdup (url);
  remote->replayed = response ? response->replayed : FALSE;
  return g_steal_pointer (&remote);
}

static gpointer
parse_remote_response (ComptoirConnector     *self,
                       ComptoirHttpResponse  *response,
                       GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);

  return object ? parse_remote (object, response, error) : NULL;
}

static const char * const order_states[] = { "new", "accepted", "ready", "completed", "rejected", "cancelled", NULL };

/* What was refunded of each line (line id → gint64 cents), summed over the
 * order's refunds. */
static GHashTable *
refunded_by_line (JsonArray  *refunds,
                  GError    **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; refunds != NULL && i < json_array_get_length (refunds); i++)
    {
      JsonObject *refund = comptoir_json_array_object (refunds, i, "refunds", error);
      JsonArray *lines;

      if (refund == NULL
          || !comptoir_json_get_array (refund, "lines", COMPTOIR_JSON_REQUIRED, 1000, &lines, error))
        return NULL;
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonObject *line = comptoir_json_array_object (lines, j, "refunds", error);
          const char *line_id;
          gint64 amount, *sum;

          if (line == NULL
              || !comptoir_json_get_string (line, "line_id", COMPTOIR_JSON_REQUIRED, MAX_ID, &line_id, error)
              || !comptoir_json_get_int (line, "amount_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &amount, error))
            return NULL;
          if ((sum = g_hash_table_lookup (table, line_id)) == NULL)
            {
              sum = g_new0 (gint64, 1);
              g_hash_table_insert (table, g_strdup (line_id), sum);
            }
          *sum = MIN (*sum + amount, MAX_MONEY);
        }
    }
  return g_steal_pointer (&table);
}

/* The merchant prepares "T-shirt (M, rouge)", not just "T-shirt". */
static char *
line_name_with_variant (const char  *name,
                        JsonArray   *variant,
                        GError     **error)
{
  g_autoptr(GString) text = g_string_new (name);

  for (guint i = 0; variant != NULL && i < json_array_get_length (variant); i++)
    {
      JsonNode *node = json_array_get_element (variant, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || strlen (json_node_get_string (node)) > 40)
        {
          comptoir_json_set_protocol_error (error, "variant");
          return NULL;
        }
      g_string_append (text, i == 0 ? " (" : ", ");
      g_string_append (text, json_node_get_string (node));
      if (i + 1 == json_array_get_length (variant))
        g_string_append_c (text, ')');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static ComptoirOrder *
parse_order (JsonObject  *object,
             GError     **error)
{
  static const char * const fulfilment_types[] = { "click_and_collect", "delivery", NULL };
  g_autoptr(ComptoirOrder) order = comptoir_order_new ();
  JsonObject *customer, *fulfilment, *totals, *slot = NULL, *address = NULL;
  JsonArray *lines, *refunds = NULL;
  const char *id, *number, *state, *placed_at, *name, *phone, *email, *type, *note;
  gint64 total, subtotal = 0, fee = 0;
  g_autoptr(GHashTable) refunded = NULL;
  g_autoptr(GPtrArray) parsed_lines = NULL;

  if (!comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &id, error)
      || !comptoir_json_get_string (object, "number", COMPTOIR_JSON_REQUIRED, 32, &number, error)
      || !comptoir_json_get_enum (object, "state", COMPTOIR_JSON_REQUIRED, order_states, &state, error)
      || !comptoir_json_get_string (object, "placed_at", COMPTOIR_JSON_REQUIRED, 64, &placed_at, error)
      || !comptoir_json_get_object (object, "customer", COMPTOIR_JSON_REQUIRED, &customer, error)
      || !comptoir_json_get_string (customer, "name", COMPTOIR_JSON_REQUIRED, 120, &name, error)
      || !comptoir_json_get_string (customer, "phone", COMPTOIR_JSON_OPTIONAL, 30, &phone, error)
      || !comptoir_json_get_string (customer, "email", COMPTOIR_JSON_OPTIONAL, 254, &email, error)
      || !comptoir_json_get_object (object, "fulfilment", COMPTOIR_JSON_REQUIRED, &fulfilment, error)
      || !comptoir_json_get_enum (fulfilment, "type", COMPTOIR_JSON_REQUIRED, fulfilment_types, &type, error)
      || !comptoir_json_get_object (fulfilment, "slot", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE, &slot, error)
      || !comptoir_json_get_object (fulfilment, "address", COMPTOIR_JSON_OPTIONAL, &address, error)
      || !comptoir_json_get_string (object, "note", COMPTOIR_JSON_OPTIONAL, 1000, &note, error)
      || !comptoir_json_get_array (object, "lines", COMPTOIR_JSON_REQUIRED, 1000, &lines, error)
      || !comptoir_json_get_object (object, "totals", COMPTOIR_JSON_REQUIRED, &totals, error)
      || !comptoir_json_get_int (totals, "total_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &total, error))
    return NULL;

  if (slot != NULL)
    {
      const char *start, *end;

      if (!comptoir_json_get_string (slot, "start", COMPTOIR_JSON_REQUIRED, 64, &start, error)
          || !comptoir_json_get_string (slot, "end", COMPTOIR_JSON_REQUIRED, 64, &end, error))
        return NULL;
      comptoir_order_set_slot_start (order, start);
      comptoir_order_set_slot_end (order, end);
    }
  if (address != NULL)
    {
      const char *street, *postcode, *city;
      g_autofree char *text = NULL;

      if (!comptoir_json_get_string (address, "street", COMPTOIR_JSON_REQUIRED, 200, &street, error)
          || !comptoir_json_get_string (address, "postal_code", COMPTOIR_JSON_REQUIRED, 10, &postcode, error)
          || !comptoir_json_get_string (address, "city", COMPTOIR_JSON_REQUIRED, 100, &city, error))
        return NULL;
      text = g_strdup_printf ("%s\n%s %s", street, postcode, city);
      comptoir_order_set_delivery_address (order, text);
    }
  if (!comptoir_json_get_array (object, "refunds", COMPTOIR_JSON_OPTIONAL, 1000, &refunds, error)
      || !comptoir_json_get_int (totals, "subtotal_cents", COMPTOIR_JSON_OPTIONAL, 0, MAX_MONEY, &subtotal, error)
      || !comptoir_json_get_int (totals, "delivery_fee_cents", COMPTOIR_JSON_OPTIONAL, 0, MAX_MONEY, &fee, error))
    return NULL;
  if (!(refunded = refunded_by_line (refunds, error)))
    return NULL;
  parsed_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_order_line_free);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = comptoir_json_array_object (lines, i, "lines", error);
      const char *line_id, *line_name, *product_id = NULL;
      gint64 quantity, unit_price, line_total;
      JsonArray *variant = NULL;
      g_autofree char *shown = NULL;
      gpointer refund = NULL;

      if (line == NULL
          || !comptoir_json_get_string (line, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &line_id, error)
          || !comptoir_json_get_string (line, "product_id", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE, MAX_ID, &product_id, error)
          || !comptoir_json_get_string (line, "name", COMPTOIR_JSON_REQUIRED, 140, &line_name, error)
          || !comptoir_json_get_array (line, "variant", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE, COMPTOIR_MAX_OPTIONS, &variant, error)
          || !comptoir_json_get_int (line, "quantity", COMPTOIR_JSON_REQUIRED, 1, 1000000, &quantity, error)
          || !comptoir_json_get_int (line, "unit_price_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &unit_price, error)
          || !comptoir_json_get_int (line, "total_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &line_total, error))
        return NULL;
      if (!(shown = line_name_with_variant (line_name, variant, error)))
        return NULL;
      g_hash_table_lookup_extended (refunded, line_id, NULL, &refund);
      g_ptr_array_add (parsed_lines, comptoir_order_line_new (line_id, product_id, shown, quantity, unit_price,
                                                              line_total, refund ? *(gint64 *) refund : 0));
    }
  /* The totals predate this mapping in some answers: the lines add up. */
  if (!json_object_has_member (totals, "subtotal_cents"))
    for (guint i = 0; i < parsed_lines->len; i++)
      subtotal += ((ComptoirOrderLine *) parsed_lines->pdata[i])->total_cents;

  comptoir_order_set_remote_id (order, id);
  comptoir_order_set_number (order, number);
  comptoir_order_set_status (order, state);
  comptoir_order_set_placed_at (order, placed_at);
  comptoir_order_set_customer_name (order, name);
  comptoir_order_set_customer_phone (order, phone ? phone : "");
  comptoir_order_set_customer_email (order, email ? email : "");
  comptoir_order_set_fulfilment (order, g_str_equal (type, "delivery") ? "delivery" : "collect");
  comptoir_order_set_customer_note (order, note ? note : "");
  comptoir_order_set_subtotal_cents (order, subtotal);
  comptoir_order_set_delivery_fee_cents (order, fee);
  comptoir_order_set_total_cents (order, total);
  comptoir_order_set_lines (order, parsed_lines);
  return g_steal_pointer (&order);
}

static gpointer
parse_order_response (ComptoirConnector     *self,
                      ComptoirHttpResponse  *response,
                      GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);

  return object ? parse_order (object, error) : NULL;
}

static ComptoirPayout *
parse_payout (JsonObject  *object,
              GError     **error)
{
  static const char * const statuses[] = { "scheduled", "paid", "failed", NULL };
  g_autoptr(ComptoirPayout) payout = comptoir_payout_new ();
  const char *id, *start, *end, *status, *reference;
  gint64 gross, commission, fees, net;
  JsonArray *order_ids;

  if (!comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &id, error)
      || !comptoir_json_get_string (object, "period_start", COMPTOIR_JSON_REQUIRED, 10, &start, error)
      || !comptoir_json_get_string (object, "period_end", COMPTOIR_JSON_REQUIRED, 10, &end, error)
      || !comptoir_json_get_int (object, "gross_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &gross, error)
      || !comptoir_json_get_int (object, "commission_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &commission, error)
      || !comptoir_json_get_int (object, "fees_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &fees, error)
      || !comptoir_json_get_int (object, "net_cents", COMPTOIR_JSON_REQUIRED, -MAX_MONEY, MAX_MONEY, &net, error)
      || !comptoir_json_get_enum (object, "status", COMPTOIR_JSON_REQUIRED, statuses, &status, error)
      || !comptoir_json_get_string (object, "bank_reference", COMPTOIR_JSON_OPTIONAL, 140, &reference, error)
      || !comptoir_json_get_array (object, "order_ids", COMPTOIR_JSON_REQUIRED, 100000, &order_ids, error))
    return NULL;

  comptoir_payout_set_remote_id (payout, id);
  comptoir_payout_set_period_start (payout, start);
  comptoir_payout_set_period_end (payout, end);
  comptoir_payout_set_gross_cents (payout, gross);
  comptoir_payout_set_commission_cents (payout, commission);
  comptoir_payout_set_fees_cents (payout, fees);
  comptoir_payout_set_net_cents (payout, net);
  comptoir_payout_set_status (payout, status);
  comptoir_payout_set_bank_reference (payout, reference ? reference : "");
  return g_steal_pointer (&payout);
}

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

typedef GObject *(*ItemParser) (JsonObject *object, GError **error);

static ComptoirPage *
parse_page (ComptoirHttpResponse  *response,
            ItemParser             parse_item,
            GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ComptoirPage) page = g_new0 (ComptoirPage, 1);
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  JsonArray *items;
  const char *cursor;

  if (object == NULL
      || !comptoir_json_get_array (object, "items", COMPTOIR_JSON_REQUIRED, 1000, &items, error)
      || !comptoir_json_get_string (object, "next_cursor", COMPTOIR_JSON_NULLABLE, 512, &cursor, error))
    return NULL;

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  page->remote = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_remote_object_free);
  page->next_cursor = g_strdup (cursor);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = comptoir_json_array_object (items, i, "items", error);
      GObject *value;
      ComptoirRemoteObject *remote;
      const char *updated_at;

      if (item == NULL
          || !comptoir_json_get_string (item, "updated_at", COMPTOIR_JSON_REQUIRED, 64, &updated_at, error)
          || (remote = parse_remote (item, NULL, error)) == NULL)
        return NULL;
      g_ptr_array_add (page->remote, remote);
      if ((value = parse_item (item, error)) == NULL)
        return NULL;
      g_ptr_array_add (page->items, value);
      /* RFC 3339 in UTC with the same precision: text order is time order. */
      if (page->max_updated_at == NULL || strcmp (updated_at, page->max_updated_at) > 0)
        {
          g_free (page->max_updated_at);
          page->max_updated_at = g_strdup (updated_at);
        }
    }
  return g_steal_pointer (&page);
}

static gpointer
parse_order_page (ComptoirConnector *self, ComptoirHttpResponse *response, GError **error)
{
  return parse_page (response, (ItemParser) parse_order, error);
}

static gpointer
parse_payout_page (ComptoirConnector *self, ComptoirHttpResponse *response, GError **error)
{
  return parse_page (response, (ItemParser) parse_payout, error);
}

static gpointer
parse_product_page (ComptoirConnector *self, ComptoirHttpResponse *response, GError **error)
{
  return parse_page (response, (ItemParser) parse_product, error);
}

/* Building what the marketplace takes */

static void
set_nullable_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

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
      set_nullable_string (json_variant, "sku", variant->sku);
      json_array_add_object_element (json_variants, json_variant);
    }
  json_object_set_array_member (object, "options", json_options);
  json_object_set_array_member (object, "variants", json_variants);
}

static JsonObject *
product_input (ComptoirProduct    *product,
               const char * const *media)
{
  JsonObject *object = json_object_new ();
  JsonArray *photos = json_array_new ();
  const char *unit = comptoir_product_get_unit (product);

  json_object_set_string_member (object, "name", comptoir_product_get_name (product));
  set_nullable_string (object, "description", comptoir_product_get_description (product));
  json_object_set_int_member (object, "price_cents", comptoir_product_get_price_cents (product));
  json_object_set_int_member (object, "vat_rate", comptoir_product_get_vat_rate (product));
  if (comptoir_product_get_stock_tracked (product))
    json_object_set_int_member (object, "stock", MAX (0, comptoir_product_get_stock (product)));
  else
    json_object_set_null_member (object, "stock");
  json_object_set_string_member (object, "unit", g_strv_contains (units, unit) ? unit : "piece");
  set_nullable_string (object, "category", comptoir_product_get_category (product));
  set_nullable_string (object, "gtin", comptoir_product_get_gtin (product));
  set_nullable_string (object, "sku", comptoir_product_get_sku (product));
  for (guint i = 0; media != NULL && media[i] != NULL && i < 10; i++)
    json_array_add_string_element (photos, media[i]);
  json_object_set_array_member (object, "photos", photos);
  add_options_and_variants (object, product);
  json_object_set_boolean_member (object, "published",
                                  (comptoir_product_get_visibility (product) & COMPTOIR_VISIBILITY_MARKETPLACE)
                                  && !comptoir_product_get_archived (product));
  return object;
}

static const char *
json_ld_string (JsonObject *object,
                const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
day_name (const char *schema_day)
{
  const char *slash = strrchr (schema_day, '/');

  return g_ascii_strdown (slash ? slash + 1 : schema_day, -1);
}

/* JSON-LD times may carry seconds; the marketplace takes HH:MM. */
static void
set_time (JsonObject *object,
          const char *member,
          const char *value)
{
  g_autofree char *hh_mm = g_strndup (value, 5);
  json_object_set_string_member (object, member, hh_mm);
}

static void
add_weekly_hours (JsonArray  *hours,
                  JsonObject *spec)
{
  JsonNode *days = json_object_get_member (spec, "dayOfWeek");
  const char *opens = json_ld_string (spec, "opens");
  const char *closes = json_ld_string (spec, "closes");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (days == NULL || opens == NULL || closes == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (days))
    {
      JsonArray *array = json_node_get_array (days);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *day = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (day) && json_node_get_value_type (day) == G_TYPE_STRING)
            g_ptr_array_add (names, day_name (json_node_get_string (day)));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (days) && json_node_get_value_type (days) == G_TYPE_STRING)
    g_ptr_array_add (names, day_name (json_node_get_string (days)));

  for (guint i = 0; i < names->len; i++)
    {
      JsonObject *range = json_object_new ();

      json_object_set_string_member (range, "day", names->pdata[i]);
      set_time (range, "opens", opens);
      set_time (range, "closes", closes);
      json_array_add_object_element (hours, range);
    }
}

static void
add_special_hours (JsonArray  *hours,
                   JsonObject *spec)
{
  const char *from = json_ld_string (spec, "validFrom");
  const char *through = json_ld_string (spec, "validThrough");
  const char *opens = json_ld_string (spec, "opens");
  const char *closes = json_ld_string (spec, "closes");
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from_midnight = NULL;
  g_autofree char *through_midnight = NULL;
  gboolean closed;

  if (from == NULL || opens == NULL || closes == NULL)
    return;
  through = through ? through : from;
  from_midnight = g_strconcat (from, "T00:00:00Z", NULL);
  through_midnight = g_strconcat (through, "T00:00:00Z", NULL);
  day = g_date_time_new_from_iso8601 (from_midnight, NULL);
  last = g_date_time_new_from_iso8601 (through_midnight, NULL);
  if (day == NULL || last == NULL)
    return;
  /* schema.org writes a closure as 00:00–00:00. */
  closed = g_str_has_prefix (opens, "00:00") && g_str_has_prefix (closes, "00:00");

  /* One entry per date, for ranges of up to two months. */
  for (guint n = 0; n < 62 && g_date_time_compare (day, last) <= 0; n++)
    {
      JsonObject *entry = json_object_new ();
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      GDateTime *next;

      json_object_set_string_member (entry, "date", date);
      json_object_set_boolean_member (entry, "closed", closed);
      if (closed)
        {
          json_object_set_null_member (entry, "opens");
          json_object_set_null_member (entry, "closes");
        }
      else
        {
          set_time (entry, "opens", opens);
          set_time (entry, "closes", closes);
        }
      json_array_add_object_element (hours, entry);
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
}

/* The app describes its shop once, as schema.org JSON-LD; the marketplace
 * takes its own shape of the same facts, plus the services JSON-LD has no
 * words for (click & collect, delivery). */
static JsonObject *
shop_input (JsonObject   *ld,
            ComptoirShop *shop)
{
  JsonObject *object = json_object_new ();
  JsonObject *address = json_object_get_member (ld, "address") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (ld, "address"))
                        ? json_object_get_object_member (ld, "address") : NULL;
  JsonArray *weekly = json_array_new ();
  JsonArray *special = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (object, "name", json_ld_string (ld, "name") ? json_ld_string (ld, "name") : "");
  set_nullable_string (object, "description", json_ld_string (ld, "description"));
  set_nullable_string (object, "phone", json_ld_string (ld, "telephone"));
  set_nullable_string (object, "email", json_ld_string (ld, "email"));
  set_nullable_string (object, "website", json_ld_string (ld, "url"));
  if (address != NULL)
    {
      JsonObject *out = json_object_new ();

      json_object_set_string_member (out, "street", json_ld_string (address, "streetAddress") ?: "");
      json_object_set_string_member (out, "postal_code", json_ld_string (address, "postalCode") ?: "");
      json_object_set_string_member (out, "city", json_ld_string (address, "addressLocality") ?: "");
      json_object_set_string_member (out, "country", "FR");
      json_object_set_object_member (object, "address", out);
    }
  json_object_set_null_member (object, "logo");
  json_object_set_null_member (object, "cover");

  node = json_object_get_member (ld, "openingHoursSpecification");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *spec = json_array_get_element (json_node_get_array (node), i);
        if (JSON_NODE_HOLDS_OBJECT (spec))
          add_weekly_hours (weekly, json_node_get_object (spec));
      }
  node = json_object_get_member (ld, "specialOpeningHoursSpecification");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *spec = json_array_get_element (json_node_get_array (node), i);
        if (JSON_NODE_HOLDS_OBJECT (spec))
          add_special_hours (special, json_node_get_object (spec));
      }
  json_object_set_array_member (object, "opening_hours", weekly);
  json_object_set_array_member (object, "special_hours", special);

  json_object_set_boolean_member (object, "click_and_collect", comptoir_shop_get_click_and_collect (shop));
  {
    JsonObject *delivery = json_object_new ();
    gint64 free_above = comptoir_shop_get_delivery_free_above_cents (shop);

    json_object_set_boolean_member (delivery, "enabled", comptoir_shop_get_delivery (shop));
    json_object_set_int_member (delivery, "radius_km", MIN (comptoir_shop_get_delivery_radius_km (shop), 200));
    json_object_set_int_member (delivery, "fee_cents", CLAMP (comptoir_shop_get_delivery_fee_cents (shop), 0, 100000));
    if (free_above > 0)
      json_object_set_int_member (delivery, "free_above_cents", free_above);
    else
      json_object_set_null_member (delivery, "free_above_cents");
    json_object_set_object_member (object, "delivery", delivery);
  }
  return object;
}

/* Tokens */

typedef struct
{
  char *access_token;
  char *refresh_token;
} Tokens;

static void
tokens_free (Tokens *tokens)
{
  if (tokens == NULL)
    return;
  if (tokens->access_token)
    memset (tokens->access_token, 0, strlen (tokens->access_token));
  if (tokens->refresh_token)
    memset (tokens->refresh_token, 0, strlen (tokens->refresh_token));
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tokens, tokens_free)

static Tokens *
parse_tokens (ComptoirHttpResponse  *response,
              GError               **error)
{
  static const char * const types[] = { "Bearer", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  const char *access, *refresh, *type;
  gint64 expires_in;
  Tokens *tokens;

  if (object == NULL
      || !comptoir_json_get_string (object, "access_token", COMPTOIR_JSON_REQUIRED, 512, &access, error)
      || !comptoir_json_get_string (object, "refresh_token", COMPTOIR_JSON_REQUIRED, 512, &refresh, error)
      || !comptoir_json_get_enum (object, "token_type", COMPTOIR_JSON_REQUIRED, types, &type, error)
      || !comptoir_json_get_int (object, "expires_in", COMPTOIR_JSON_REQUIRED, 1, G_MAXINT32, &expires_in, error))
    return NULL;
  if (*access == '\0' || *refresh == '\0')
    {
      comptoir_json_set_protocol_error (error, "access_token");
      return NULL;
    }
  tokens = g_new0 (Tokens, 1);
  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (refresh);
  return tokens;
}

static void
send_auth_request (ComptoirMarketplace *self,
                   const char          *path,
                   JsonObject          *body,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autofree char *url = comptoir_connector_url (CONNECTOR (self), path, NULL, NULL);
  g_autoptr(GBytes) bytes = comptoir_json_object_to_bytes (body);
  ComptoirHttpRequest request = {
    .method = "POST",
    .url = url,
    .content_type = "application/json",
    .body = bytes,
  };

  comptoir_connector_send_async (CONNECTOR (self), &request, FALSE, cancellable, callback, user_data);
}

static void
revoke_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ComptoirHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = comptoir_connector_send_finish (COMPTOIR_CONNECTOR (source), result, &error);
  if (response == NULL)
    g_debug ("Revoking failed: %s", error->message);
}

static void
revoke (ComptoirMarketplace *self,
        const char          *token,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "token", token);
  send_auth_request (self, "/auth/revoke", body, cancellable,
                     callback ? callback : revoke_done_cb, user_data);
}

/* Sign in */

static void
sign_in_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  Tokens *tokens = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!comptoir_connector_store_secrets_finish (CONNECTOR (self), result, &error))
    {
      /* Not kept in the keyring: not kept at all, and not left valid. */
      revoke (self, tokens->refresh_token, NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_connector_set_credential (CONNECTOR (self), tokens->access_token);
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (CONNECTOR (self), result, &error);
  Tokens *tokens;
  const char *secrets[3];
  static const ComptoirSecretKind kinds[] = { COMPTOIR_SECRET_ACCESS_TOKEN, COMPTOIR_SECRET_REFRESH_TOKEN };

  if (response == NULL || (tokens = parse_tokens (response, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, tokens, (GDestroyNotify) tokens_free);
  secrets[0] = tokens->access_token;
  secrets[1] = tokens->refresh_token;
  secrets[2] = NULL;
  comptoir_connector_store_secrets_async (CONNECTOR (self), secrets, kinds, g_task_get_cancellable (task),
                                          sign_in_stored_cb, g_object_ref (task));
}

static void
marketplace_sign_in (ComptoirPlatform *platform,
                     const char       *login,
                     const char       *secret,
                     GTask            *task)
{
  ComptoirMarketplace *self = (ComptoirMarketplace *) platform;
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "email", login);
  json_object_set_string_member (body, "password", secret);
  send_auth_request (self, "/auth/token", body, g_task_get_cancellable (task), sign_in_cb, task);
  memset ((gpointer) json_object_get_string_member (body, "password"), 0, strlen (secret));
}

/* Refresh (called by the connector on an expired token) */

static void
refresh_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The new token works in memory even if the keyring refused it. */
  if (!comptoir_secrets_store_finish (result, &error))
    g_debug ("Could not keep the renewed token: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
refresh_http_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (CONNECTOR (self), result, &error);
  g_autoptr(Tokens) tokens = NULL;

  if (response == NULL || (tokens = parse_tokens (response, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_connector_set_credential (CONNECTOR (self), tokens->access_token);
  comptoir_secrets_store_async (comptoir_connector_get_account_id (CONNECTOR (self)),
                                COMPTOIR_SECRET_ACCESS_TOKEN,
                                comptoir_connector_get_platform_name (CONNECTOR (self)),
                                tokens->access_token, g_task_get_cancellable (task),
                                refresh_stored_cb, g_object_ref (task));
}

static void
refresh_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirSecret) refresh_token = comptoir_secrets_lookup_finish (result, &error);
  g_autoptr(JsonObject) body = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (refresh_token == NULL)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH,
                               _("The platform has closed your session. Sign in again."));
      return;
    }
  body = json_object_new ();
  json_object_set_string_member (body, "refresh_token", refresh_token);
  send_auth_request (self, "/auth/refresh", body, g_task_get_cancellable (task),
                     refresh_http_cb, g_object_ref (task));
}

static void
marketplace_refresh_async (ComptoirConnector   *connector,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  comptoir_secrets_lookup_async (comptoir_connector_get_account_id (connector),
                                 COMPTOIR_SECRET_REFRESH_TOKEN, cancellable, refresh_lookup_cb, task);
}

static gboolean
marketplace_refresh_finish (ComptoirConnector  *connector,
                            GAsyncResult       *result,
                            GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign out */

static void
sign_out_revoked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (COMPTOIR_CONNECTOR (source), result, &error);

  comptoir_connector_set_credential (COMPTOIR_CONNECTOR (source), NULL);
  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
sign_out_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirSecret) refresh_token = comptoir_secrets_lookup_finish (result, &error);

  if (refresh_token == NULL)
    {
      comptoir_connector_set_credential (CONNECTOR (self), NULL);
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  /* Revoking the refresh token revokes its access tokens too. */
  revoke (self, refresh_token, g_task_get_cancellable (task), sign_out_revoked_cb, g_object_ref (task));
}

static void
marketplace_sign_out (ComptoirPlatform *platform,
                      GTask            *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);

  comptoir_secrets_lookup_async (comptoir_connector_get_account_id (self), COMPTOIR_SECRET_REFRESH_TOKEN,
                                 g_task_get_cancellable (task), sign_out_lookup_cb, task);
}

/* Resources */

/* A push that first uploads its pictures: the shop's logo and cover, a
 * product's photos. The mutation is copied: the caller's may be gone by
 * the time the uploads are done. */
typedef struct
{
  char            *method;
  char            *url;
  char            *idempotency_key;
  gint64           if_match;
  ComptoirShop    *shop;
  ComptoirProduct *product;
  gboolean         has_logo;
} PushData;

static void
push_data_free (PushData *data)
{
  g_free (data->method);
  g_free (data->url);
  g_free (data->idempotency_key);
  g_clear_object (&data->shop);
  g_clear_object (&data->product);
  g_free (data);
}

static PushData *
push_data_new (const char             *method,
               char                   *url,
               const ComptoirMutation *mutation)
{
  PushData *data = g_new0 (PushData, 1);

  data->method = g_strdup (method);
  data->url = url;
  data->idempotency_key = mutation ? g_strdup (mutation->idempotency_key) : NULL;
  data->if_match = mutation ? mutation->if_match : 0;
  return data;
}

static void
push_pictures_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = COMPTOIR_CONNECTOR (source);
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) media = comptoir_connector_upload_pictures_finish (self, result, &error);
  g_autoptr(JsonObject) body = NULL;
  ComptoirMutation mutation = { data->idempotency_key, data->if_match };

  /* Nothing is pushed without its pictures: a profile sent with a null
   * logo would erase the one the merchant set. */
  if (media == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->shop != NULL)
    {
      g_autoptr(JsonNode) ld = comptoir_shop_to_json_ld (data->shop, NULL);
      guint next = 0;

      body = shop_input (json_node_get_object (ld), data->shop);
      if (data->has_logo)
        json_object_set_string_member (body, "logo", ((ComptoirRemoteObject *) media->pdata[next++])->id);
      if (next < media->len)
        json_object_set_string_member (body, "cover", ((ComptoirRemoteObject *) media->pdata[next])->id);
    }
  else
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < media->len; i++)
        g_ptr_array_add (ids, ((ComptoirRemoteObject *) media->pdata[i])->id);
      g_ptr_array_add (ids, NULL);
      body = product_input (data->product, (const char * const *) ids->pdata);
    }
  comptoir_connector_call (self, data->method, data->url, body, NULL, &mutation, parse_remote_response,
                           (GDestroyNotify) comptoir_remote_object_free, g_steal_pointer (&task));
}

static gboolean
nonempty (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The logo and cover are uploaded (the same image again is not copied:
 * see comptoir_connector_upload_pictures_async()) and sent by media id;
 * a shop without one sends null, which the document reads as none. */
static void
marketplace_push_shop (ComptoirPlatform       *platform,
                       ComptoirShop           *shop,
                       const char             *media_base_url,
                       const ComptoirMutation *mutation,
                       GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  PushData *data = push_data_new ("PUT", comptoir_connector_url (self, "/shop", NULL, NULL), mutation);
  const char *hashes[3] = { NULL, NULL, NULL };
  guint n = 0;

  data->shop = g_object_ref (shop);
  data->has_logo = nonempty (comptoir_shop_get_logo_hash (shop));
  if (data->has_logo)
    hashes[n++] = comptoir_shop_get_logo_hash (shop);
  if (nonempty (comptoir_shop_get_cover_hash (shop)))
    hashes[n++] = comptoir_shop_get_cover_hash (shop);
  g_task_set_task_data (task, data, (GDestroyNotify) push_data_free);
  comptoir_connector_upload_pictures_async (self, hashes, g_task_get_cancellable (task), push_pictures_cb, task);
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
  PushData *data;

  if (full == NULL)
    {
      g_free (url);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (media != NULL)
    {
      g_autoptr(JsonObject) body = product_input (full, media);

      comptoir_connector_call (self, method, url, body, NULL, mutation, parse_remote_response,
                               (GDestroyNotify) comptoir_remote_object_free, task);
      g_free (url);
      return;
    }
  data = push_data_new (method, url, mutation);
  data->product = g_steal_pointer (&full);
  g_task_set_task_data (task, data, (GDestroyNotify) push_data_free);
  comptoir_connector_upload_pictures_async (self, (const char * const *) hashes, g_task_get_cancellable (task),
                                            push_pictures_cb, task);
}

static void
marketplace_upload_media (ComptoirPlatform       *platform,
                          GBytes                 *bytes,
                          const char             *content_type,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/media", NULL, NULL);

  comptoir_connector_call_raw (self, "POST", url, bytes, content_type, mutation, parse_remote_response,
                               (GDestroyNotify) comptoir_remote_object_free, task);
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
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_list_url (self, "/products", cursor, updated_since);

  comptoir_connector_call (self, "GET", url, NULL, NULL, NULL, parse_product_page,
                           (GDestroyNotify) comptoir_page_free, task);
}

static void
marketplace_list_orders (ComptoirPlatform *platform,
                         const char       *cursor,
                         const char       *updated_since,
                         GTask            *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_list_url (self, "/orders", cursor, updated_since);

  comptoir_connector_call (self, "GET", url, NULL, NULL, NULL, parse_order_page,
                           (GDestroyNotify) comptoir_page_free, task);
}

static void
marketplace_transition_order (ComptoirPlatform       *platform,
                              const char             *remote_id,
                              const char             *action,
                              const char             *reason,
                              const ComptoirMutation *mutation,
                              GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *suffix = g_strconcat ("/", action, NULL);
  g_autofree char *url = comptoir_connector_url (self, "/orders", remote_id, suffix);
  g_autoptr(JsonObject) body = NULL;

  if (g_str_equal (action, "reject"))
    {
      body = json_object_new ();
      json_object_set_string_member (body, "reason", reason ? reason : "");
    }
  comptoir_connector_call (self, "POST", url, body, NULL, mutation, parse_order_response, g_object_unref, task);
}

static void
marketplace_refund_order (ComptoirPlatform       *platform,
                          const char             *remote_id,
                          const char * const     *line_ids,
                          const guint            *quantities,
                          const char             *reason,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/orders", remote_id, "/refunds");
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *lines = json_array_new ();

  for (guint i = 0; line_ids[i] != NULL; i++)
    {
      JsonObject *line = json_object_new ();

      json_object_set_string_member (line, "line_id", line_ids[i]);
      json_object_set_int_member (line, "quantity", quantities[i]);
      json_array_add_object_element (lines, line);
    }
  json_object_set_array_member (body, "lines", lines);
  set_nullable_string (body, "reason", reason);
  comptoir_connector_call (self, "POST", url, body, NULL, mutation, parse_order_response, g_object_unref, task);
}

static void
marketplace_list_payouts (ComptoirPlatform *platform,
                          const char       *cursor,
                          const char       *updated_since,
                          GTask            *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_list_url (self, "/payouts", cursor, updated_since);

  comptoir_connector_call (self, "GET", url, NULL, NULL, NULL, parse_payout_page,
                           (GDestroyNotify) comptoir_page_free, task);
}

static void
platform_iface_init (ComptoirPlatformInterface *iface)
{
  iface->sign_in = marketplace_sign_in;
  iface->sign_out = marketplace_sign_out;
  iface->push_shop = marketplace_push_shop;
  iface->upload_media = marketplace_upload_media;
  iface->create_product = marketplace_create_product;
  iface->update_product = marketplace_update_product;
  iface->delete_product = marketplace_delete_product;
  iface->list_products = marketplace_list_products;
  iface->list_orders = marketplace_list_orders;
  iface->transition_order = marketplace_transition_order;
  iface->refund_order = marketplace_refund_order;
  iface->list_payouts = marketplace_list_payouts;
  /* No moderation on the marketplace. */
}

static void
comptoir_marketplace_class_init (ComptoirMarketplaceClass *klass)
{
  ComptoirConnectorClass *connector_class = COMPTOIR_CONNECTOR_CLASS (klass);

  connector_class->credential_kind = COMPTOIR_SECRET_ACCESS_TOKEN;
  connector_class->refresh_async = marketplace_refresh_async;
  connector_class->refresh_finish = marketplace_refresh_finish;
}

static void
comptoir_marketplace_init (ComptoirMarketplace *self)
{
}
