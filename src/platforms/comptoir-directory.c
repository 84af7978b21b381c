// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-directory"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-connector-private.h"
#include "comptoir-directory.h"
#include "comptoir-error.h"
#include "comptoir-shop-jsonld.h"

#define LD_JSON "application/ld+json"

typedef struct _ComptoirDirectory ComptoirDirectory;
typedef struct _ComptoirDirectoryClass ComptoirDirectoryClass;

struct _ComptoirDirectory
{
  ComptoirConnector parent_instance;
};

struct _ComptoirDirectoryClass
{
  ComptoirConnectorClass parent_class;
};

static void platform_iface_init (ComptoirPlatformInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ComptoirDirectory, comptoir_directory, COMPTOIR_TYPE_CONNECTOR,
                               G_IMPLEMENT_INTERFACE (COMPTOIR_TYPE_PLATFORM, platform_iface_init))

/* Prices are decimal strings with two decimals ("12.50"): converted
 * from and to integer cents without floating point. */
static char *
price_string (gint64 cents)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
}

static gboolean
parse_price (const char *text,
             gint64     *cents)
{
  const char *dot = text ? strchr (text, '.') : NULL;
  g_autofree char *whole = NULL;
  guint64 units = 0, hundredths = 0;

  if (dot == NULL || strlen (dot) != 3 || dot == text || dot - text > 7)
    return FALSE;
  whole = g_strndup (text, dot - text);
  if (!g_ascii_string_to_unsigned (whole, 10, 0, 9999999, &units, NULL)
      || !g_ascii_string_to_unsigned (dot + 1, 10, 0, 99, &hundredths, NULL)
      || !g_ascii_isdigit (dot[1]) || !g_ascii_isdigit (dot[2]))
    return FALSE;
  *cents = (gint64) units * 100 + (gint64) hundredths;
  return TRUE;
}

static ComptoirRemoteObject *
parse_server_fields (JsonObject            *object,
                     ComptoirHttpResponse  *response,
                     GError               **error)
{
  g_autoptr(ComptoirRemoteObject) remote = g_new0 (ComptoirRemoteObject, 1);
  const char *identifier, *at_id;
  gint64 version;

  if (!comptoir_json_get_string (object, "identifier", COMPTOIR_JSON_REQUIRED, 64, &identifier, error)
      || !comptoir_json_get_int (object, "version", COMPTOIR_JSON_REQUIRED, 1, G_MAXINT64, &version, error)
      || !comptoir_json_get_string (object, "@id", COMPTOIR_JSON_OPTIONAL, 2000, &at_id, error))
    return NULL;
  remote->id = g_strdup (identifier);
  remote->version = version;
  remote->url = g_strdup (at_id);
  remote->replayed = response ? response->replayed : FALSE;
  return g_steal_pointer (&remote);
}

static gpointer
parse_server_fields_response (ComptoirConnector     *self,
                              ComptoirHttpResponse  *response,
                              GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);

  return object ? parse_server_fields (object, response, error) : NULL;
}

static gpointer
parse_media_response (ComptoirConnector     *self,
                      ComptoirHttpResponse  *response,
                      GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  const char *id, *url;
  ComptoirRemoteObject *remote;

  if (object == NULL
      || !comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, 64, &id, error)
      || !comptoir_json_get_string (object, "url", COMPTOIR_JSON_REQUIRED, 2000, &url, error))
    return NULL;
  remote = g_new0 (ComptoirRemoteObject, 1);
  remote->id = g_strdup (id);
  remote->url = g_strdup (url);
  remote->replayed = response->replayed;
  return remote;
}

static ComptoirProduct *
parse_offer (JsonObject  *object,
             GError     **error)
{
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  JsonObject *item;
  const char *price, *name, *description, *category, *sku, *gtin, *availability;
  gint64 cents = 0;

  if (!comptoir_json_get_string (object, "price", COMPTOIR_JSON_REQUIRED, 16, &price, error)
      || !comptoir_json_get_string (object, "availability", COMPTOIR_JSON_OPTIONAL, 100, &availability, error)
      || !comptoir_json_get_object (object, "itemOffered", COMPTOIR_JSON_REQUIRED, &item, error)
      || !comptoir_json_get_string (item, "name", COMPTOIR_JSON_REQUIRED, 140, &name, error)
      || !comptoir_json_get_string (item, "description", COMPTOIR_JSON_OPTIONAL, 5000, &description, error)
      || !comptoir_json_get_string (item, "category", COMPTOIR_JSON_OPTIONAL, 80, &category, error)
      || !comptoir_json_get_string (item, "sku", COMPTOIR_JSON_OPTIONAL, 64, &sku, error)
      || !comptoir_json_get_string (item, "gtin", COMPTOIR_JSON_OPTIONAL, 14, &gtin, error))
    return NULL;
  if (!parse_price (price, &cents))
    {
      comptoir_json_set_protocol_error (error, "price");
      return NULL;
    }
  comptoir_product_set_name (product, name);
  comptoir_product_set_description (product, description ? description : "");
  comptoir_product_set_price_cents (product, cents);
  comptoir_product_set_category (product, category ? category : "");
  comptoir_product_set_sku (product, sku ? sku : "");
  comptoir_product_set_gtin (product, gtin ? gtin : "");
  comptoir_product_set_visibility (product, COMPTOIR_VISIBILITY_DIRECTORY);
  if (g_strcmp0 (availability, "https://schema.org/OutOfStock") == 0)
    {
      comptoir_product_set_stock_tracked (product, TRUE);
      comptoir_product_set_stock (product, 0);
    }
  return g_steal_pointer (&product);
}

static gpointer
parse_offer_page (ComptoirConnector     *self,
                  ComptoirHttpResponse  *response,
                  GError               **error)
{
  return comptoir_connector_parse_page (response, "dateModified", parse_server_fields,
                                        (ComptoirItemParser) parse_offer, error);
}

static gpointer
parse_moderation_response (ComptoirConnector     *self,
                           ComptoirHttpResponse  *response,
                           GError               **error)
{
  static const char * const states[] = { "pending", "published", "rejected", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  const char *state, *reason;
  gint64 version;
  ComptoirModeration *moderation;

  if (object == NULL
      || !comptoir_json_get_enum (object, "state", COMPTOIR_JSON_REQUIRED, states, &state, error)
      || !comptoir_json_get_string (object, "reason", COMPTOIR_JSON_NULLABLE, 1000, &reason, error)
      || !comptoir_json_get_int (object, "listing_version", COMPTOIR_JSON_REQUIRED, 1, G_MAXINT64, &version, error))
    return NULL;
  moderation = g_new0 (ComptoirModeration, 1);
  moderation->state = g_strdup (state);
  moderation->reason = g_strdup (reason);
  moderation->listing_version = version;
  return moderation;
}

static void
set_if_not_empty (JsonObject *object,
                  const char *member,
                  const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

static JsonObject *
offer_input (ComptoirProduct    *product,
             const char * const *media)
{
  JsonObject *offer = json_object_new ();
  JsonObject *item = json_object_new ();
  g_autofree char *price = price_string (MAX (0, comptoir_product_get_price_cents (product)));
  const char *unit = comptoir_product_get_unit (product);
  gboolean out_of_stock = comptoir_product_get_stock_tracked (product) && comptoir_product_get_stock (product) <= 0;

  json_object_set_string_member (offer, "@context", "https://schema.org");
  json_object_set_string_member (offer, "@type", "Offer");
  json_object_set_string_member (offer, "price", price);
  json_object_set_string_member (offer, "priceCurrency", "EUR");
  json_object_set_string_member (offer, "availability",
                                 out_of_stock ? "https://schema.org/OutOfStock" : "https://schema.org/InStock");
  /* What one price buys, in UN/CEFACT codes. */
  if (g_strcmp0 (unit, "kg") == 0 || g_strcmp0 (unit, "100g") == 0 || g_strcmp0 (unit, "litre") == 0)
    {
      JsonObject *quantity = json_object_new ();

      json_object_set_string_member (quantity, "@type", "QuantitativeValue");
      json_object_set_int_member (quantity, "value", g_str_equal (unit, "100g") ? 100 : 1);
      json_object_set_string_member (quantity, "unitCode",
                                     g_str_equal (unit, "kg") ? "KGM" : g_str_equal (unit, "100g") ? "GRM" : "LTR");
      json_object_set_object_member (offer, "eligibleQuantity", quantity);
    }

  json_object_set_string_member (item, "@type", "Product");
  json_object_set_string_member (item, "name", comptoir_product_get_name (product));
  set_if_not_empty (item, "description", comptoir_product_get_description (product));
  set_if_not_empty (item, "category", comptoir_product_get_category (product));
  set_if_not_empty (item, "sku", comptoir_product_get_sku (product));
  set_if_not_empty (item, "gtin", comptoir_product_get_gtin (product));
  if (media != NULL && media[0] != NULL)
    {
      JsonArray *images = json_array_new ();

      for (guint i = 0; media[i] != NULL && i < 10; i++)
        json_array_add_string_element (images, media[i]);
      json_object_set_array_member (item, "image", images);
    }
  json_object_set_object_member (offer, "itemOffered", item);
  return offer;
}

/* Sign in: the key is checked by reading the moderation state (404 before
 * the first listing is fine), then kept in the keyring. */

static void
sign_in_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!comptoir_connector_store_secrets_finish (COMPTOIR_CONNECTOR (source), result, &error))
    {
      comptoir_connector_set_credential (COMPTOIR_CONNECTOR (source), NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = COMPTOIR_CONNECTOR (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (self, result, &error);
  const char *secrets[2] = { g_task_get_task_data (task), NULL };
  static const ComptoirSecretKind kinds[] = { COMPTOIR_SECRET_API_KEY };

  if (response == NULL && !g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND))
    {
      comptoir_connector_set_credential (self, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_connector_store_secrets_async (self, secrets, kinds, g_task_get_cancellable (task),
                                          sign_in_stored_cb, g_object_ref (task));
}

static void
wipe_free (char *secret)
{
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
directory_sign_in (ComptoirPlatform *platform,
                   const char       *login,
                   const char       *secret,
                   GTask            *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/listing/moderation", NULL, NULL);
  g_autofree char *key = g_strstrip (g_strdup (secret));
  ComptoirHttpRequest request = { .method = "GET", .url = url };

  comptoir_connector_set_credential (self, key);
  g_task_set_task_data (task, g_steal_pointer (&key), (GDestroyNotify) wipe_free);
  comptoir_connector_send_async (self, &request, TRUE, g_task_get_cancellable (task), sign_in_checked_cb, task);
}

/* A key does not expire and is not revoked from here: signing out only
 * forgets it (the account code deletes it from the keyring). */
static void
directory_sign_out (ComptoirPlatform *platform,
                    GTask            *task)
{
  comptoir_connector_set_credential (COMPTOIR_CONNECTOR (platform), NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * directory_push_shop:
 *
 * The listing is the shop's JSON-LD exactly as the app made it.
 */
static void
directory_push_shop (ComptoirPlatform       *platform,
                     ComptoirShop           *shop,
                     const char             *media_base_url,
                     const ComptoirMutation *mutation,
                     GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/listing", NULL, NULL);
  g_autoptr(JsonNode) listing = comptoir_shop_to_json_ld (shop, media_base_url);

  comptoir_connector_call (self, "PUT", url, json_node_get_object (listing), LD_JSON, mutation,
                           parse_server_fields_response, (GDestroyNotify) comptoir_remote_object_free, task);
}

static void
directory_upload_media (ComptoirPlatform       *platform,
                        GBytes                 *bytes,
                        const char             *content_type,
                        const ComptoirMutation *mutation,
                        GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/media", NULL, NULL);

  comptoir_connector_call_raw (self, "POST", url, bytes, content_type, mutation, parse_media_response,
                               (GDestroyNotify) comptoir_remote_object_free, task);
}

/* With @media NULL, the offer shows the product's own photos: stored
 * products' web images, uploaded first, sent by URL in itemOffered.image. */
typedef struct
{
  char            *method;
  char            *url;
  char            *idempotency_key;
  gint64           if_match;
  ComptoirProduct *product;
} OfferPush;

static void
offer_push_free (OfferPush *push)
{
  g_free (push->method);
  g_free (push->url);
  g_free (push->idempotency_key);
  g_clear_object (&push->product);
  g_free (push);
}

static void
offer_pictures_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = COMPTOIR_CONNECTOR (source);
  OfferPush *push = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) media = comptoir_connector_upload_pictures_finish (self, result, &error);
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(JsonObject) body = NULL;
  ComptoirMutation mutation = { push->idempotency_key, push->if_match };

  if (media == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  urls = g_ptr_array_new ();
  for (guint i = 0; i < media->len; i++)
    g_ptr_array_add (urls, ((ComptoirRemoteObject *) media->pdata[i])->url);
  g_ptr_array_add (urls, NULL);
  body = offer_input (push->product, (const char * const *) urls->pdata);
  comptoir_connector_call (self, push->method, push->url, body, LD_JSON, &mutation, parse_server_fields_response,
                           (GDestroyNotify) comptoir_remote_object_free, g_steal_pointer (&task));
}

static void
push_offer (ComptoirConnector      *self,
            const char             *method,
            char                   *url,
            ComptoirProduct        *product,
            const char * const     *media,
            const ComptoirMutation *mutation,
            GTask                  *task)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) hashes = NULL;
  g_autoptr(ComptoirProduct) full = NULL;
  OfferPush *push;

  if (media != NULL)
    {
      g_autoptr(JsonObject) body = offer_input (product, media);

      comptoir_connector_call (self, method, url, body, LD_JSON, mutation, parse_server_fields_response,
                               (GDestroyNotify) comptoir_remote_object_free, task);
      g_free (url);
      return;
    }
  if ((full = comptoir_connector_product_details (self, product, &hashes, &error)) == NULL)
    {
      g_free (url);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  push = g_new0 (OfferPush, 1);
  push->method = g_strdup (method);
  push->url = url;
  push->idempotency_key = mutation ? g_strdup (mutation->idempotency_key) : NULL;
  push->if_match = mutation ? mutation->if_match : 0;
  push->product = g_steal_pointer (&full);
  g_task_set_task_data (task, push, (GDestroyNotify) offer_push_free);
  comptoir_connector_upload_pictures_async (self, (const char * const *) hashes, g_task_get_cancellable (task),
                                            offer_pictures_cb, task);
}

static void
directory_create_product (ComptoirPlatform       *platform,
                          ComptoirProduct        *product,
                          const char * const     *media,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);

  push_offer (self, "POST", comptoir_connector_url (self, "/offers", NULL, NULL), product, media, mutation, task);
}

static void
directory_update_product (ComptoirPlatform       *platform,
                          const char             *remote_id,
                          ComptoirProduct        *product,
                          const char * const     *media,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);

  push_offer (self, "PUT", comptoir_connector_url (self, "/offers", remote_id, NULL), product, media, mutation, task);
}

static void
directory_delete_product (ComptoirPlatform       *platform,
                          const char             *remote_id,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/offers", remote_id, NULL);

  comptoir_connector_call (self, "DELETE", url, NULL, NULL, mutation, NULL, NULL, task);
}

static void
directory_list_products (ComptoirPlatform *platform,
                         const char       *cursor,
                         const char       *updated_since,
                         GTask            *task)
{
  comptoir_connector_list (COMPTOIR_CONNECTOR (platform), "/offers", cursor, updated_since,
                           parse_offer_page, task);
}

static void
directory_get_moderation (ComptoirPlatform *platform,
                          GTask            *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/listing/moderation", NULL, NULL);

  comptoir_connector_call (self, "GET", url, NULL, NULL, NULL, parse_moderation_response,
                           (GDestroyNotify) comptoir_moderation_free, task);
}

static void
platform_iface_init (ComptoirPlatformInterface *iface)
{
  iface->sign_in = directory_sign_in;
  iface->sign_out = directory_sign_out;
  iface->push_shop = directory_push_shop;
  iface->upload_media = directory_upload_media;
  iface->create_product = directory_create_product;
  iface->update_product = directory_update_product;
  iface->delete_product = directory_delete_product;
  iface->list_products = directory_list_products;
  iface->get_moderation = directory_get_moderation;
  /* A directory has no orders, refunds nor payouts. */
}

static void
comptoir_directory_class_init (ComptoirDirectoryClass *klass)
{
  COMPTOIR_CONNECTOR_CLASS (klass)->credential_kind = COMPTOIR_SECRET_API_KEY;
}

static void
comptoir_directory_init (ComptoirDirectory *self)
{
}
