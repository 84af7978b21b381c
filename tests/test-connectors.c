// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-order-store.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-product-store.h"
#include "comptoir-platform.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-shop-jsonld.h"
#include "comptoir-secrets.h"
#include "comptoir-test-utils.h"

/* Both connectors against comptoir-sandbox on an ephemeral loopback port,
 * over real HTTP, with the secrets in a private keyring (run by
 * run-with-keyring.sh). Every resource of both documents. */

static GAsyncResult *slot;
#define AWAIT() comptoir_test_await (&slot)
#define CB comptoir_test_result_cb, &slot

/* The merchant's shop, as the shop section saves it. */
static ComptoirShop *
make_shop (void)
{
  ComptoirShop *shop = comptoir_shop_new ();
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  g_autoptr(GError) error = NULL;
  GDate christmas;

  comptoir_shop_set_name (shop, "Boulangerie du Lavoir");
  comptoir_shop_set_category (shop, "bakery");
  comptoir_shop_set_description (shop, "Pains au levain et viennoiseries.");
  comptoir_shop_set_street (shop, "2 place du Lavoir");
  comptoir_shop_set_postcode (shop, "23200");
  comptoir_shop_set_city (shop, "Aubusson");
  comptoir_shop_set_phone (shop, "05 55 12 34 56");
  comptoir_shop_set_email (shop, "contact@lavoir.fr");
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_TUESDAY, 7 * 60, 13 * 60, &error));
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_WEDNESDAY, 7 * 60, 13 * 60, &error));
  g_date_set_dmy (&christmas, 25, G_DATE_DECEMBER, 2026);
  g_assert_true (comptoir_opening_hours_add_exception (hours, &christmas, &christmas, TRUE, NULL, 0, "Noël", &error));
  g_assert_no_error (error);
  comptoir_shop_set_opening_hours (shop, hours);
  comptoir_shop_set_click_and_collect (shop, TRUE);
  comptoir_shop_set_delivery (shop, TRUE);
  comptoir_shop_set_delivery_radius_km (shop, 10);
  comptoir_shop_set_delivery_fee_cents (shop, 300);
  comptoir_shop_set_delivery_free_above_cents (shop, 3000);
  return shop;
}

static GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, 0xc08040ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", &error, NULL));
  return g_bytes_new_take (data, len);
}

static ComptoirPlatformInfo *
discover (const char  *url,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  comptoir_platform_discover_async (url, NULL, CB);
  result = AWAIT ();
  return comptoir_platform_discover_finish (result, error);
}

static ComptoirAccount *
connect_account (ComptoirStore *store,
                 const char    *url,
                 const char    *login,
                 const char    *secret,
                 GError       **error)
{
  g_autoptr(ComptoirPlatformInfo) info = discover (url, error);
  g_autoptr(GAsyncResult) result = NULL;

  if (info == NULL)
    return NULL;
  comptoir_platform_connect_async (store, info, login, secret, NULL, CB);
  result = AWAIT ();
  return comptoir_platform_connect_finish (result, error);
}

static ComptoirStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = comptoir_test_tmp_path ("connectors.db");
  ComptoirStore *store;

  g_remove (path);
  store = comptoir_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static char *
lookup_secret (gint64             account_id,
               ComptoirSecretKind kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  comptoir_secrets_lookup_async (account_id, kind, NULL, CB);
  result = AWAIT ();
  secret = comptoir_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  return secret;
}

/* What the platform holds, read past the connector. */
static JsonObject *
remote_get (const char *base,
            const char *path,
            const char *bearer)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
  body = soup_session_send_and_read (session, message, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
applied_count (ComptoirTestSandbox *sandbox,
               const char          *key)
{
  g_autoptr(JsonNode) counters = comptoir_test_sandbox_control (sandbox, "GET", "/_sandbox/counters", NULL, NULL);
  JsonObject *keys = json_object_get_object_member (json_node_get_object (counters), "idempotency");

  if (!json_object_has_member (keys, key))
    return 0;
  return json_object_get_int_member (json_object_get_object_member (keys, key), "applied");
}

static ComptoirProduct *
make_product (const char *name,
              gint64      price)
{
  ComptoirProduct *product = comptoir_product_new ();

  comptoir_product_set_name (product, name);
  comptoir_product_set_price_cents (product, price);
  comptoir_product_set_vat_rate (product, 550);
  comptoir_product_set_unit (product, "piece");
  comptoir_product_set_stock_tracked (product, TRUE);
  comptoir_product_set_stock (product, 12);
  comptoir_product_set_category (product, "Pains");
  comptoir_product_set_visibility (product, COMPTOIR_VISIBILITY_MARKETPLACE | COMPTOIR_VISIBILITY_DIRECTORY);
  return product;
}

static void
test_discover (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirPlatformInfo) market = NULL;
  g_autoptr(ComptoirPlatformInfo) directory = NULL;
  g_autofree char *with_slash = g_strconcat (sandbox->directory, "/", NULL);
  g_autofree char *nowhere = g_strconcat (sandbox->origin, "/nowhere/v1", NULL);
  ComptoirPlatformInfo *none;

  market = discover (sandbox->marketplace, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (market->kind, ==, "marketplace");
  g_assert_cmpstr (market->currency, ==, "EUR");
  g_assert_cmpint (market->commission_rate, >=, 0);
  g_assert_cmpint (market->commission_rate, <=, 10000);
  g_assert_cmpstr (market->name, !=, "");
  g_assert_true (g_str_has_prefix (market->terms_url, "https://") || g_str_has_prefix (market->terms_url, "http://127."));
  g_assert_cmpstr (market->base_url, ==, sandbox->marketplace);

  directory = discover (with_slash, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (directory->kind, ==, "directory");
  g_assert_cmpint (directory->commission_rate, ==, -1);
  g_assert_cmpstr (directory->base_url, ==, sandbox->directory);

  none = discover (nowhere, &error);
  g_assert_null (none);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_marketplace (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(ComptoirRemoteObject) shop = NULL;
  g_autoptr(ComptoirRemoteObject) media = NULL;
  g_autoptr(ComptoirRemoteObject) created = NULL;
  g_autoptr(ComptoirRemoteObject) replay = NULL;
  g_autoptr(ComptoirRemoteObject) updated = NULL;
  g_autoptr(ComptoirProduct) bread = make_product ("Pain de campagne", 420);
  g_autoptr(ComptoirProduct) bad = make_product ("Tarte", 1450);
  g_autoptr(ComptoirShop) lavoir = make_shop ();
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(JsonObject) remote_shop = NULL;
  g_autoptr(ComptoirSecret) token = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autofree char *key = g_uuid_string_random ();
  ComptoirMutation mutation = { 0 };
  const char *photos[2] = { NULL, NULL };
  JsonObject *hours;

  /* Wrong password: a clear error, no account left behind. */
  account = connect_account (store, sandbox->marketplace, sandbox->email, "wrong password", &error);
  g_assert_null (account);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH);
  g_assert_cmpint (comptoir_store_count (store, "accounts"), ==, 0);
  g_clear_error (&error);

  account = connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password, &error);
  g_assert_no_error (error);
  g_assert_true (comptoir_account_get_signed_in (account));
  g_assert_cmpint (comptoir_account_get_commission_rate (account), >=, 0);
  platform = comptoir_platform_new_for_account (store, account);
  token = lookup_secret (comptoir_account_get_id (account), COMPTOIR_SECRET_ACCESS_TOKEN);
  g_assert_nonnull (token);

  /* Shop profile, mapped from the app's JSON-LD. */
  mutation.idempotency_key = "shop-1";
  comptoir_platform_push_shop_async (platform, lavoir, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  shop = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shop->version, >=, 1);
  g_clear_object (&r);
  remote_shop = remote_get (sandbox->marketplace, "/shop", token);
  g_assert_cmpstr (json_object_get_string_member (remote_shop, "name"), ==, "Boulangerie du Lavoir");
  g_assert_cmpstr (json_object_get_string_member (remote_shop, "phone"), ==, comptoir_shop_get_phone (lavoir));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote_shop, "address"), "city"), ==, "Aubusson");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (remote_shop, "opening_hours")), ==, 2);
  hours = json_array_get_object_element (json_object_get_array_member (remote_shop, "opening_hours"), 0);
  g_assert_cmpstr (json_object_get_string_member (hours, "day"), ==, "tuesday");
  g_assert_cmpstr (json_object_get_string_member (hours, "opens"), ==, "07:00");
  hours = json_array_get_object_element (json_object_get_array_member (remote_shop, "special_hours"), 0);
  g_assert_cmpstr (json_object_get_string_member (hours, "date"), ==, "2026-12-25");
  g_assert_true (json_object_get_boolean_member (hours, "closed"));
  /* What JSON-LD has no words for comes from the shop itself. */
  g_assert_true (json_object_get_boolean_member (remote_shop, "click_and_collect"));
  hours = json_object_get_object_member (remote_shop, "delivery");
  g_assert_true (json_object_get_boolean_member (hours, "enabled"));
  g_assert_cmpint (json_object_get_int_member (hours, "fee_cents"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (hours, "free_above_cents"), ==, 3000);

  /* 412: based on a version that is no longer current. */
  mutation.idempotency_key = "shop-2";
  mutation.if_match = shop->version + 5;
  comptoir_platform_push_shop_async (platform, lavoir, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_remote (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT);
  g_assert_cmpuint (comptoir_error_get_http_status (error), ==, 412);
  g_assert_cmpint (comptoir_error_get_current_version (error), ==, shop->version);
  g_clear_error (&error);
  g_clear_object (&r);

  /* Media */
  mutation = (ComptoirMutation) { "media-1", 0 };
  comptoir_platform_upload_media_async (platform, png, "image/png", &mutation, NULL, CB);
  r = AWAIT ();
  media = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_assert_nonnull (media->url);
  g_clear_object (&r);
  photos[0] = media->id;

  /* Create, then replay with the same key: applied once. */
  mutation = (ComptoirMutation) { key, 0 };
  comptoir_platform_create_product_async (platform, bread, photos, &mutation, NULL, CB);
  r = AWAIT ();
  created = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->version, ==, 1);
  g_assert_false (created->replayed);
  g_clear_object (&r);
  comptoir_platform_create_product_async (platform, bread, photos, &mutation, NULL, CB);
  r = AWAIT ();
  replay = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_assert_true (replay->replayed);
  g_assert_cmpstr (replay->id, ==, created->id);
  g_assert_cmpint (applied_count (sandbox, key), ==, 1);
  g_clear_object (&r);

  /* Same key, other body: refused, nothing applied. */
  comptoir_platform_create_product_async (platform, bad, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_remote (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_cmpstr (comptoir_error_get_problem (error), ==, "idempotency-key-reused");
  g_clear_error (&error);
  g_clear_object (&r);

  /* 422 with field details, in the merchant's words. */
  comptoir_product_set_gtin (bad, "123");
  mutation = (ComptoirMutation) { "bad-1", 0 };
  comptoir_platform_create_product_async (platform, bad, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_remote (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_true (g_strv_contains (comptoir_error_get_fields (error), "gtin"));
  g_assert_nonnull (strstr (error->message, g_dgettext (GETTEXT_PACKAGE, "barcode")));
  g_clear_error (&error);
  g_clear_object (&r);

  /* Update with the right version, then with a stale one. */
  comptoir_product_set_price_cents (bread, 450);
  mutation = (ComptoirMutation) { "upd-1", created->version };
  comptoir_platform_update_product_async (platform, created->id, bread, photos, &mutation, NULL, CB);
  r = AWAIT ();
  updated = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->version, ==, 2);
  g_clear_object (&r);
  mutation = (ComptoirMutation) { "upd-2", 1 };
  comptoir_platform_update_product_async (platform, created->id, bread, photos, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_remote (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&r);

  /* Products pull back into ComptoirProduct. */
  {
    g_autoptr(ComptoirPage) page = NULL;
    ComptoirProduct *pulled;

    comptoir_platform_list_products_async (platform, NULL, NULL, NULL, CB);
    r = AWAIT ();
    page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->items->len, ==, 1);
    pulled = page->items->pdata[0];
    g_assert_cmpstr (comptoir_product_get_name (pulled), ==, "Pain de campagne");
    g_assert_cmpint (comptoir_product_get_price_cents (pulled), ==, 450);
    g_assert_cmpint (comptoir_product_get_vat_rate (pulled), ==, 550);
    g_assert_cmpint (comptoir_product_get_stock (pulled), ==, 12);
    g_assert_cmpstr (((ComptoirRemoteObject *) page->remote->pdata[0])->id, ==, created->id);
    g_assert_null (page->next_cursor);
    g_clear_object (&r);
  }

  /* Delete; again without a key: the platform no longer knows it. */
  mutation = (ComptoirMutation) { "del-1", 0 };
  comptoir_platform_delete_product_async (platform, created->id, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_true (comptoir_platform_finish_boolean (platform, r, &error));
  g_assert_no_error (error);
  g_clear_object (&r);
  comptoir_platform_delete_product_async (platform, created->id, NULL, NULL, CB);
  r = AWAIT ();
  g_assert_false (comptoir_platform_finish_boolean (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&r);

  /* A marketplace has no moderation. */
  comptoir_platform_get_moderation_async (platform, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_moderation (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_clear_object (&r);

  comptoir_test_sandbox_stop (sandbox);
}

static ComptoirOrder *
transition (ComptoirPlatform *platform,
            const char       *id,
            const char       *action,
            const char       *reason,
            GError          **error)
{
  g_autoptr(GAsyncResult) r = NULL;
  g_autofree char *key = g_uuid_string_random ();
  ComptoirMutation mutation = { key, 0 };

  comptoir_platform_transition_order_async (platform, id, action, reason, &mutation, NULL, CB);
  r = AWAIT ();
  return comptoir_platform_finish_order (platform, r, error);
}

static void
test_orders_and_payouts (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password, &error);
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *since = NULL;
  g_autofree char *line_id = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  ComptoirOrder *order;
  guint pages = 0;

  g_assert_no_error (error);
  platform = comptoir_platform_new_for_account (store, account);
  comptoir_platform_set_page_size (platform, 2);

  /* Customers order what the shop publishes. */
  {
    g_autoptr(ComptoirProduct) bread = make_product ("Pain de campagne", 420);
    g_autoptr(ComptoirRemoteObject) created = NULL;

    comptoir_platform_create_product_async (platform, bread, NULL, NULL, NULL, CB);
    r = AWAIT ();
    created = comptoir_platform_finish_remote (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
  }

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonNode) created = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/orders", NULL, NULL);
      JsonObject *object = json_node_get_object (created);

      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (object, "id")));
      if (line_id == NULL)
        line_id = g_strdup (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "lines"), 0), "id"));
    }

  /* Five orders in pages of two: three pages, each order once. */
  do
    {
      g_autoptr(ComptoirPage) page = NULL;

      comptoir_platform_list_orders_async (platform, cursor, NULL, NULL, CB);
      r = AWAIT ();
      page = comptoir_platform_finish_page (platform, r, &error);
      g_assert_no_error (error);
      g_clear_object (&r);
      g_assert_cmpuint (page->items->len, <=, 2);
      for (guint i = 0; i < page->items->len; i++)
        {
          ComptoirOrder *o = page->items->pdata[i];
          g_assert_true (g_hash_table_add (seen, g_strdup (comptoir_order_get_remote_id (o))));
          g_assert_cmpstr (comptoir_order_get_status (o), ==, "new");
          g_assert_cmpstr (comptoir_order_get_customer_name (o), !=, "");
          g_assert_cmpint (comptoir_order_get_total_cents (o), >, 0);
        }
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
      if (page->max_updated_at)
        {
          g_free (since);
          since = g_strdup (page->max_updated_at);
        }
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);

  /* Transitions: new → accepted → ready → completed; the wrong one is 409. */
  order = transition (platform, ids->pdata[0], "accept", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_order_get_status (order), ==, "accepted");
  g_object_unref (order);
  g_assert_null (transition (platform, ids->pdata[0], "accept", NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Refund one unit of the first line. */
  {
    const char *lines[] = { line_id, NULL };
    const guint quantities[] = { 1 };
    ComptoirMutation mutation = { "refund-1", 0 };

    comptoir_platform_refund_order_async (platform, ids->pdata[0], lines, quantities, "Manquant", &mutation, NULL, CB);
    r = AWAIT ();
    order = comptoir_platform_finish_order (platform, r, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (comptoir_order_get_status (order), ==, "accepted");
    g_object_unref (order);
    g_clear_object (&r);
  }

  order = transition (platform, ids->pdata[0], "ready", NULL, &error);
  g_assert_no_error (error);
  g_object_unref (order);
  order = transition (platform, ids->pdata[0], "complete", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_order_get_status (order), ==, "completed");
  g_object_unref (order);
  order = transition (platform, ids->pdata[1], "reject", "Plus de pain aujourd’hui", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_order_get_status (order), ==, "rejected");
  g_object_unref (order);

  /* Incremental pull: only what changed since the last pull. */
  {
    g_autoptr(ComptoirPage) page = NULL;

    comptoir_platform_set_page_size (platform, 100);
    comptoir_platform_list_orders_async (platform, NULL, since, NULL, CB);
    r = AWAIT ();
    page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
    g_assert_cmpuint (page->items->len, >=, 2);
    g_assert_cmpuint (page->items->len, <=, 3);
  }

  /* Payouts */
  {
    g_autoptr(JsonNode) payout_json = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/payouts", NULL, NULL);
    g_autoptr(ComptoirPage) page = NULL;
    ComptoirPayout *payout;

    g_assert_nonnull (payout_json);
    comptoir_platform_list_payouts_async (platform, NULL, NULL, NULL, CB);
    r = AWAIT ();
    page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
    g_assert_cmpuint (page->items->len, ==, 1);
    payout = page->items->pdata[0];
    g_assert_cmpstr (comptoir_payout_get_status (payout), ==, "paid");
    g_assert_cmpint (comptoir_payout_get_net_cents (payout), ==,
                     comptoir_payout_get_gross_cents (payout) - comptoir_payout_get_commission_cents (payout)
                     - comptoir_payout_get_fees_cents (payout));
  }

  comptoir_test_sandbox_stop (sandbox);
}

static void
test_directory (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(ComptoirRemoteObject) listing = NULL;
  g_autoptr(ComptoirRemoteObject) media = NULL;
  g_autoptr(ComptoirRemoteObject) offer = NULL;
  g_autoptr(ComptoirRemoteObject) updated = NULL;
  g_autoptr(ComptoirModeration) moderation = NULL;
  g_autoptr(ComptoirProduct) flowers = make_product ("Bouquet de saison", 1250);
  g_autoptr(ComptoirShop) lavoir = make_shop ();
  g_autoptr(JsonNode) ld = NULL;
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(JsonObject) remote_listing = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  ComptoirMutation mutation = { 0 };
  const char *images[2] = { NULL, NULL };

  account = connect_account (store, sandbox->directory, NULL, "not-the-key", &error);
  g_assert_null (account);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH);
  g_assert_cmpint (comptoir_store_count (store, "accounts"), ==, 0);
  g_clear_error (&error);

  account = connect_account (store, sandbox->directory, NULL, sandbox->api_key, &error);
  g_assert_no_error (error);
  platform = comptoir_platform_new_for_account (store, account);

  /* The listing is the JSON-LD, sent as it is. */
  mutation.idempotency_key = "listing-1";
  comptoir_platform_push_shop_async (platform, lavoir, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  listing = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_clear_object (&r);
  remote_listing = remote_get (sandbox->directory, "/listing", sandbox->api_key);
  /* Exactly the app's JSON-LD, with the directory's own members added. */
  ld = comptoir_shop_to_json_ld (lavoir, "https://media.example.fr");
  {
    JsonObject *sent = json_node_get_object (ld);
    g_autoptr(GList) members = json_object_get_members (sent);

    for (GList *m = members; m != NULL; m = m->next)
      if (!g_str_equal (m->data, "identifier"))
        g_assert_true (json_node_equal (json_object_get_member (sent, m->data),
                                        json_object_get_member (remote_listing, m->data)));
  }
  g_assert_cmpstr (json_object_get_string_member (remote_listing, "@type"), ==, "Bakery");
  g_assert_cmpint (json_object_get_int_member (remote_listing, "version"), ==, listing->version);

  mutation = (ComptoirMutation) { "listing-2", listing->version + 3 };
  comptoir_platform_push_shop_async (platform, lavoir, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_remote (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&r);

  /* Moderation: pending, then a volunteer's reason shown as written. */
  comptoir_platform_get_moderation_async (platform, NULL, CB);
  r = AWAIT ();
  moderation = comptoir_platform_finish_moderation (platform, r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moderation->state, ==, "pending");
  g_clear_pointer (&moderation, comptoir_moderation_free);
  g_clear_object (&r);
  comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/listing/reject",
                                 "{\"reason\":\"Ajoutez <b>vos</b> horaires\"}", NULL);
  comptoir_platform_get_moderation_async (platform, NULL, CB);
  r = AWAIT ();
  moderation = comptoir_platform_finish_moderation (platform, r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moderation->state, ==, "rejected");
  g_assert_cmpstr (moderation->reason, ==, "Ajoutez <b>vos</b> horaires");
  g_clear_object (&r);

  /* Media and offers */
  mutation = (ComptoirMutation) { "dmedia-1", 0 };
  comptoir_platform_upload_media_async (platform, png, "image/png", &mutation, NULL, CB);
  r = AWAIT ();
  media = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_clear_object (&r);
  images[0] = media->url;

  mutation = (ComptoirMutation) { "offer-1", 0 };
  comptoir_platform_create_product_async (platform, flowers, images, &mutation, NULL, CB);
  r = AWAIT ();
  offer = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_clear_object (&r);
  comptoir_platform_create_product_async (platform, flowers, images, &mutation, NULL, CB);
  r = AWAIT ();
  {
    g_autoptr(ComptoirRemoteObject) again = comptoir_platform_finish_remote (platform, r, &error);
    g_assert_no_error (error);
    g_assert_true (again->replayed);
    g_assert_cmpstr (again->id, ==, offer->id);
  }
  g_assert_cmpint (applied_count (sandbox, "offer-1"), ==, 1);
  g_clear_object (&r);

  comptoir_product_set_price_cents (flowers, 5);
  comptoir_product_set_stock (flowers, 0);
  mutation = (ComptoirMutation) { "offer-2", offer->version };
  comptoir_platform_update_product_async (platform, offer->id, flowers, images, &mutation, NULL, CB);
  r = AWAIT ();
  updated = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  g_clear_object (&r);
  mutation = (ComptoirMutation) { "offer-3", offer->version };
  comptoir_platform_update_product_async (platform, offer->id, flowers, images, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_remote (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&r);

  {
    g_autoptr(ComptoirPage) page = NULL;
    ComptoirProduct *pulled;

    comptoir_platform_list_products_async (platform, NULL, NULL, NULL, CB);
    r = AWAIT ();
    page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
    g_assert_cmpuint (page->items->len, ==, 1);
    pulled = page->items->pdata[0];
    /* "0.05" back to 5 cents, without floating point. */
    g_assert_cmpint (comptoir_product_get_price_cents (pulled), ==, 5);
    g_assert_true (comptoir_product_get_stock_tracked (pulled));
    g_assert_cmpint (comptoir_product_get_stock (pulled), ==, 0);
  }

  mutation = (ComptoirMutation) { "offer-del", updated->version };
  comptoir_platform_delete_product_async (platform, offer->id, &mutation, NULL, CB);
  r = AWAIT ();
  g_assert_true (comptoir_platform_finish_boolean (platform, r, &error));
  g_assert_no_error (error);
  g_clear_object (&r);

  /* No orders, payouts or refunds on a directory. */
  comptoir_platform_list_orders_async (platform, NULL, NULL, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_page (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_clear_object (&r);
  comptoir_platform_list_payouts_async (platform, NULL, NULL, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_page (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_clear_object (&r);

  comptoir_test_sandbox_stop (sandbox);
}

static void
test_rate_limit (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--rate-limit", "1", NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = connect_account (store, sandbox->directory, NULL, sandbox->api_key, &error);
  g_autoptr(ComptoirPlatform) platform = NULL;
  gboolean limited = FALSE;

  g_assert_no_error (error);
  platform = comptoir_platform_new_for_account (store, account);
  /* A burst over the limit: 429 becomes RATE_LIMITED with Retry-After. */
  for (guint i = 0; i < 20 && !limited; i++)
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(ComptoirPage) page = NULL;

      comptoir_platform_list_products_async (platform, NULL, NULL, NULL, CB);
      r = AWAIT ();
      page = comptoir_platform_finish_page (platform, r, &error);
      if (page == NULL)
        {
          g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_RATE_LIMITED);
          g_assert_cmpuint (comptoir_error_get_retry_after (error), >=, 1);
          limited = TRUE;
        }
    }
  g_assert_true (limited);
  comptoir_test_sandbox_stop (sandbox);
}

static void
sleep_in_loop (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static gboolean
account_signed_in (ComptoirStore *store,
                   gint64         id)
{
  g_autoptr(ComptoirAccount) account = comptoir_account_load (store, id, NULL);
  return comptoir_account_get_signed_in (account);
}

static void
test_refresh_and_revoke (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--token-lifetime", "1", NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password, &error);
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(ComptoirSecret) first = NULL;
  g_autoptr(ComptoirSecret) second = NULL;
  g_autoptr(ComptoirSecret) refresh = NULL;
  g_autofree char *revoke = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = comptoir_account_get_id (account);
  platform = comptoir_platform_new_for_account (store, account);
  first = lookup_secret (id, COMPTOIR_SECRET_ACCESS_TOKEN);

  /* The access token expires: renewed without asking, and kept. */
  sleep_in_loop (2100);
  comptoir_platform_list_orders_async (platform, NULL, NULL, NULL, CB);
  r = AWAIT ();
  {
    g_autoptr(ComptoirPage) page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
  }
  g_clear_object (&r);
  second = lookup_secret (id, COMPTOIR_SECRET_ACCESS_TOKEN);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (account_signed_in (store, id));

  /* Revoked on the platform: the merchant must sign in again. */
  refresh = lookup_secret (id, COMPTOIR_SECRET_REFRESH_TOKEN);
  revoke = g_strdup_printf ("{\"token\":\"%s\"}", refresh);
  comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/revoke", revoke, NULL);
  comptoir_platform_list_orders_async (platform, NULL, NULL, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_page (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH);
  g_clear_error (&error);
  g_clear_object (&r);
  g_assert_false (account_signed_in (store, id));
  sleep_in_loop (300);
  {
    g_autoptr(ComptoirSecret) gone = lookup_secret (id, COMPTOIR_SECRET_REFRESH_TOKEN);
    g_assert_null (gone);
  }
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_revoked_key_and_sign_out (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) directory = connect_account (store, sandbox->directory, NULL, sandbox->api_key, &error);
  g_autoptr(ComptoirAccount) market = connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password, &error);
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autofree char *revoke = g_strdup_printf ("{\"api_key\":\"%s\"}", sandbox->api_key);
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(ComptoirSecret) refresh = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (comptoir_store_count (store, "accounts"), ==, 2);

  comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/revoke", revoke, NULL);
  platform = comptoir_platform_new_for_account (store, directory);
  comptoir_platform_get_moderation_async (platform, NULL, CB);
  r = AWAIT ();
  g_assert_null (comptoir_platform_finish_moderation (platform, r, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH);
  g_clear_error (&error);
  g_clear_object (&r);
  g_assert_false (account_signed_in (store, comptoir_account_get_id (directory)));

  /* Signing out revokes on the platform and deletes the secrets. */
  refresh = lookup_secret (comptoir_account_get_id (market), COMPTOIR_SECRET_REFRESH_TOKEN);
  comptoir_platform_sign_out_account_async (store, market, FALSE, NULL, CB);
  r = AWAIT ();
  g_assert_true (comptoir_platform_sign_out_account_finish (r, &error));
  g_assert_no_error (error);
  g_clear_object (&r);
  g_assert_false (account_signed_in (store, comptoir_account_get_id (market)));
  {
    g_autoptr(ComptoirSecret) access = lookup_secret (comptoir_account_get_id (market), COMPTOIR_SECRET_ACCESS_TOKEN);
    g_autoptr(ComptoirSecret) gone = lookup_secret (comptoir_account_get_id (market), COMPTOIR_SECRET_REFRESH_TOKEN);
    g_autoptr(ComptoirAccount) again = NULL;
    g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strconcat (sandbox->marketplace, "/auth/refresh", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
    g_autoptr(GBytes) body = g_bytes_new (refresh_body, strlen (refresh_body));
    g_autoptr(GBytes) answer = NULL;

    g_assert_null (access);
    g_assert_null (gone);
    soup_message_set_request_body_from_bytes (message, "application/json", body);
    answer = soup_session_send_and_read (session, message, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (message), ==, 401);
  }

  /* Removing forgets the account. */
  comptoir_platform_sign_out_account_async (store, directory, TRUE, NULL, CB);
  r = AWAIT ();
  g_assert_true (comptoir_platform_sign_out_account_finish (r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (comptoir_store_count (store, "accounts"), ==, 1);
  comptoir_test_sandbox_stop (sandbox);
}

/* A picture imported as the photo section imports it. */
static char *
import_picture (ComptoirStore *store,
                guint32        rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *data = NULL, *hash;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", &error, NULL));
  bytes = g_bytes_new_take (data, len);
  hash = comptoir_photo_import_bytes_sync (store, bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  return hash;
}

/* The platform's media holds the bytes of our web image. */
static void
assert_media_is (const char *base,
                 const char *bearer,
                 const char *media_id,
                 const char *hash)
{
  g_autofree char *path = g_strconcat ("/media/", media_id, NULL);
  g_autoptr(JsonObject) media = remote_get (base, path, bearer);
  g_autofree char *web = comptoir_media_get_path (hash, COMPTOIR_MEDIA_WEB);
  g_autofree char *contents = NULL;
  g_autofree char *digest = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (web, &contents, &len, NULL));
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_assert_cmpstr (json_object_get_string_member (media, "sha256"), ==, digest);
}

static ComptoirRemoteObject *
push_product (ComptoirPlatform *platform,
              const char       *remote_id,
              ComptoirProduct  *product,
              gint64            if_match)
{
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  ComptoirMutation mutation = { key, if_match };
  ComptoirRemoteObject *remote;

  if (remote_id == NULL)
    comptoir_platform_create_product_async (platform, product, NULL, &mutation, NULL, CB);
  else
    comptoir_platform_update_product_async (platform, remote_id, product, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  remote = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
  return remote;
}

static gboolean
order_write_tx (ComptoirStore  *store,
                gpointer        user_data,
                GError        **error)
{
  gint64 account_id = GPOINTER_TO_INT (g_object_get_data (user_data, "account-id"));

  return comptoir_order_write (store, account_id, user_data, error);
}

static ComptoirPlatform *
connect_marketplace (ComptoirTestSandbox *sandbox,
                     ComptoirStore       *store,
                     char               **token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = connect_account (store, sandbox->marketplace, sandbox->email,
                                                        sandbox->password, &error);

  g_assert_no_error (error);
  *token = lookup_secret (comptoir_account_get_id (account), COMPTOIR_SECRET_ACCESS_TOKEN);
  return comptoir_platform_new_for_account (store, account);
}

/* A T-shirt in two sizes and two colours, with two photos: published with
 * its four variants and its photos (our web images, uploaded once), read
 * back the same; customers order two variants, and the order comes back
 * with its lines, refunds and totals, kept in the store. */
static void
test_variants_photos_and_order_lines (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (sandbox, store, &token);
  g_autoptr(ComptoirProduct) shirt = make_product ("T-shirt", 1500);
  g_autoptr(ComptoirProduct) listed = NULL;
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(ComptoirRemoteObject) created = NULL;
  g_autoptr(ComptoirRemoteObject) updated = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first_photo = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *spec = NULL;
  const char *sizes[] = { "S", "M", NULL };
  const char *colours[] = { "rouge", "bleu", NULL };
  const char *hashes[3] = { NULL, NULL, NULL };
  JsonArray *photos, *json_variants;
  JsonObject *variant;
  ComptoirOrder *order = NULL;
  ComptoirOrderLine *line;

  hashes[0] = import_picture (store, 0xc04040ff);
  hashes[1] = import_picture (store, 0x4040c0ff);
  g_ptr_array_add (options, comptoir_product_option_new ("Taille", sizes));
  g_ptr_array_add (options, comptoir_product_option_new ("Couleur", colours));
  variants = comptoir_variants_generate (options, NULL, 1500);
  g_assert_cmpuint (variants->len, ==, 4);
  for (guint i = 0; i < variants->len; i++)
    {
      ComptoirVariant *v = variants->pdata[i];

      v->price_cents = 1500 + 100 * i;
      v->stock_tracked = i != 3;
      v->stock = v->stock_tracked ? 5 + i : 0;
      g_free (v->sku);
      v->sku = g_strdup_printf ("TS-%s-%s", v->value1, v->value2);
    }
  comptoir_product_set_options (shirt, options);
  comptoir_product_set_variants (shirt, variants);
  g_assert_true (comptoir_product_save_with_photos (store, shirt, hashes, &error));
  g_assert_no_error (error);

  /* Pushed as an item of a list (details not loaded): the connector reads
   * the product's variants and photos from the store. */
  listed = comptoir_product_new ();
  comptoir_product_set_id (listed, comptoir_product_get_id (shirt));
  g_assert_false (comptoir_product_get_details_loaded (listed));
  created = push_product (platform, NULL, listed, 0);
  g_clear_object (&listed);
  listed = comptoir_product_load (store, comptoir_product_get_id (shirt), &error);
  g_assert_no_error (error);

  path = g_strconcat ("/products/", created->id, NULL);
  remote = remote_get (sandbox->marketplace, path, token);
  photos = json_object_get_array_member (remote, "photos");
  g_assert_cmpuint (json_array_get_length (photos), ==, 2);
  assert_media_is (sandbox->marketplace, token, json_array_get_string_element (photos, 0), hashes[0]);
  assert_media_is (sandbox->marketplace, token, json_array_get_string_element (photos, 1), hashes[1]);
  first_photo = g_strdup (json_array_get_string_element (photos, 0));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (remote, "options")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (remote, "options"), 1), "name"), ==, "Couleur");
  json_variants = json_object_get_array_member (remote, "variants");
  g_assert_cmpuint (json_array_get_length (json_variants), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      ComptoirVariant *v = variants->pdata[i];

      variant = json_array_get_object_element (json_variants, i);
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (variant, "option_values"), 0), ==, v->value1);
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (variant, "option_values"), 1), ==, v->value2);
      g_assert_cmpint (json_object_get_int_member (variant, "price_cents"), ==, v->price_cents);
      g_assert_cmpstr (json_object_get_string_member (variant, "sku"), ==, v->sku);
      if (v->stock_tracked)
        g_assert_cmpint (json_object_get_int_member (variant, "stock"), ==, v->stock);
      else
        g_assert_true (json_object_get_null_member (variant, "stock"));
    }

  /* An update sends the same photos again: the platform keeps the same
   * media, no copies. */
  comptoir_product_set_price_cents (listed, 1600);
  updated = push_product (platform, created->id, listed, created->version);
  again = remote_get (sandbox->marketplace, path, token);
  g_assert_cmpint (json_object_get_int_member (again, "price_cents"), ==, 1600);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (again, "photos"), 0), ==, first_photo);

  /* Pulled back: the same options and variants. */
  {
    g_autoptr(ComptoirPage) page = NULL;
    ComptoirProduct *pulled;
    GPtrArray *pulled_variants;

    comptoir_platform_list_products_async (platform, NULL, NULL, NULL, CB);
    r = AWAIT ();
    page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
    pulled = page->items->pdata[0];
    g_assert_true (comptoir_product_get_details_loaded (pulled));
    g_assert_cmpuint (comptoir_product_get_options (pulled)->len, ==, 2);
    g_assert_cmpstr (((ComptoirProductOption *) comptoir_product_get_options (pulled)->pdata[0])->name, ==, "Taille");
    g_assert_cmpstrv (((ComptoirProductOption *) comptoir_product_get_options (pulled)->pdata[1])->values, colours);
    pulled_variants = comptoir_product_get_variants (pulled);
    g_assert_cmpuint (pulled_variants->len, ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        ComptoirVariant *v = variants->pdata[i], *p = pulled_variants->pdata[i];

        g_assert_cmpstr (p->value1, ==, v->value1);
        g_assert_cmpstr (p->value2, ==, v->value2);
        g_assert_cmpint (p->price_cents, ==, v->price_cents);
        g_assert_cmpint (p->stock_tracked, ==, v->stock_tracked);
        g_assert_cmpint (p->stock, ==, v->stock);
        g_assert_cmpstr (p->sku, ==, v->sku);
      }
  }

  /* A customer orders 2 × (M, bleu) and 1 × (S, rouge), delivered. */
  spec = g_strdup_printf ("{\"fulfilment\":\"delivery\",\"customer\":{\"name\":\"Odette Charvet\","
                          "\"phone\":\"06 12 34 56 78\",\"email\":\"odette@example.fr\"},"
                          "\"lines\":[{\"product_id\":\"%s\",\"quantity\":2,\"variant\":[\"M\",\"bleu\"]},"
                          "{\"product_id\":\"%s\",\"quantity\":1,\"variant\":[\"S\",\"rouge\"]}]}",
                          created->id, created->id);
  {
    g_autoptr(JsonNode) placed = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/orders", spec, NULL);
    order_id = g_strdup (json_object_get_string_member (json_node_get_object (placed), "id"));
  }
  {
    g_autoptr(ComptoirPage) page = NULL;

    comptoir_platform_list_orders_async (platform, NULL, NULL, NULL, CB);
    r = AWAIT ();
    page = comptoir_platform_finish_page (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
    g_assert_cmpuint (page->items->len, ==, 1);
    order = g_object_ref (page->items->pdata[0]);
  }
  g_assert_cmpstr (comptoir_order_get_remote_id (order), ==, order_id);
  g_assert_cmpstr (comptoir_order_get_customer_name (order), ==, "Odette Charvet");
  g_assert_cmpstr (comptoir_order_get_customer_phone (order), ==, "06 12 34 56 78");
  g_assert_cmpstr (comptoir_order_get_customer_email (order), ==, "odette@example.fr");
  g_assert_cmpstr (comptoir_order_get_fulfilment (order), ==, "delivery");
  g_assert_cmpstr (comptoir_order_get_delivery_address (order), !=, "");
  g_assert_cmpuint (comptoir_order_get_lines (order)->len, ==, 2);
  line = comptoir_order_get_lines (order)->pdata[0];
  g_assert_cmpstr (line->product_remote_id, ==, created->id);
  g_assert_cmpstr (line->name, ==, "T-shirt (M, bleu)");
  g_assert_cmpint (line->quantity, ==, 2);
  g_assert_cmpint (line->unit_price_cents, ==, 1800);
  g_assert_cmpint (line->total_cents, ==, 3600);
  g_assert_cmpint (line->refunded_cents, ==, 0);
  line = comptoir_order_get_lines (order)->pdata[1];
  g_assert_cmpstr (line->name, ==, "T-shirt (S, rouge)");
  g_assert_cmpint (line->total_cents, ==, 1500);
  g_assert_cmpint (comptoir_order_get_subtotal_cents (order), ==, 5100);
  g_assert_cmpint (comptoir_order_get_total_cents (order),
                   ==, 5100 + comptoir_order_get_delivery_fee_cents (order));

  /* One (M, bleu) refunded: that line says so, the total follows. */
  {
    g_autofree char *key = g_uuid_string_random ();
    g_autofree char *line_id = g_strdup (((ComptoirOrderLine *) comptoir_order_get_lines (order)->pdata[0])->remote_id);
    const char *line_ids[] = { line_id, NULL };
    const guint quantities[] = { 1 };
    ComptoirMutation mutation = { key, 0 };
    gint64 fee = comptoir_order_get_delivery_fee_cents (order);

    g_clear_object (&order);
    order = transition (platform, order_id, "accept", NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&order);
    comptoir_platform_refund_order_async (platform, order_id, line_ids, quantities, "Taché", &mutation, NULL, CB);
    r = AWAIT ();
    order = comptoir_platform_finish_order (platform, r, &error);
    g_assert_no_error (error);
    g_clear_object (&r);
    line = comptoir_order_get_lines (order)->pdata[0];
    g_assert_cmpint (line->refunded_cents, ==, 1800);
    g_assert_cmpint (((ComptoirOrderLine *) comptoir_order_get_lines (order)->pdata[1])->refunded_cents, ==, 0);
    g_assert_cmpint (comptoir_order_get_total_cents (order), ==, 5100 + fee - 1800);
  }

  /* Kept in the store with its lines. */
  {
    g_autoptr(ComptoirOrder) stored = comptoir_order_new ();

    g_object_set_data (G_OBJECT (order), "account-id", GINT_TO_POINTER (comptoir_platform_get_account_id (platform)));
    g_assert_true (comptoir_store_transaction (store, order_write_tx, order, &error));
    g_assert_no_error (error);
    comptoir_order_set_id (stored, comptoir_order_get_id (order));
    g_assert_true (comptoir_order_load_lines (store, stored, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (comptoir_order_get_lines (stored)->len, ==, 2);
    line = comptoir_order_get_lines (stored)->pdata[0];
    g_assert_cmpstr (line->name, ==, "T-shirt (M, bleu)");
    g_assert_cmpint (line->refunded_cents, ==, 1800);
  }

  g_clear_object (&order);
  g_free ((char *) hashes[0]);
  g_free ((char *) hashes[1]);
  comptoir_test_sandbox_stop (sandbox);
}

static void
push_shop (ComptoirPlatform *platform,
           ComptoirShop     *shop,
           gint64            if_match)
{
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  ComptoirMutation mutation = { key, if_match };
  g_autoptr(ComptoirRemoteObject) remote = NULL;

  comptoir_platform_push_shop_async (platform, shop, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  remote = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_no_error (error);
}

/* The shop's logo and cover reach the platform and stay through the next
 * update; a cover taken off is taken off there too; a logo whose picture
 * cannot be read is not erased on the platform. */
static void
test_shop_pictures (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (sandbox, store, &token);
  g_autoptr(ComptoirShop) lavoir = make_shop ();
  g_autofree char *logo = import_picture (store, 0x208020ff);
  g_autofree char *cover = import_picture (store, 0xe0c060ff);
  g_autofree char *logo_id = NULL;
  g_autofree char *cover_id = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(ComptoirRemoteObject) refused = NULL;
  ComptoirMutation mutation = { "shop-missing-logo", 0 };

  comptoir_shop_set_logo_hash (lavoir, logo);
  comptoir_shop_set_cover_hash (lavoir, cover);
  push_shop (platform, lavoir, 0);
  remote = remote_get (sandbox->marketplace, "/shop", token);
  logo_id = g_strdup (json_object_get_string_member (remote, "logo"));
  cover_id = g_strdup (json_object_get_string_member (remote, "cover"));
  g_assert_nonnull (logo_id);
  g_assert_nonnull (cover_id);
  assert_media_is (sandbox->marketplace, token, logo_id, logo);
  assert_media_is (sandbox->marketplace, token, cover_id, cover);
  g_clear_pointer (&remote, json_object_unref);

  /* The merchant changes the phone number: logo and cover stay. */
  comptoir_shop_set_phone (lavoir, "05 55 00 00 00");
  push_shop (platform, lavoir, 0);
  remote = remote_get (sandbox->marketplace, "/shop", token);
  g_assert_cmpstr (json_object_get_string_member (remote, "phone"), ==, "05 55 00 00 00");
  g_assert_cmpstr (json_object_get_string_member (remote, "logo"), ==, logo_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "cover"), ==, cover_id);
  g_clear_pointer (&remote, json_object_unref);

  /* A logo that cannot be read: nothing is sent, the platform keeps it. */
  comptoir_shop_set_logo_hash (lavoir, "0000000000000000000000000000000000000000000000000000000000000000");
  comptoir_platform_push_shop_async (platform, lavoir, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  refused = comptoir_platform_finish_remote (platform, r, &error);
  g_assert_null (refused);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE);
  g_clear_error (&error);
  remote = remote_get (sandbox->marketplace, "/shop", token);
  g_assert_cmpstr (json_object_get_string_member (remote, "logo"), ==, logo_id);
  g_clear_pointer (&remote, json_object_unref);

  /* The merchant takes the cover off: none on the platform either. */
  comptoir_shop_set_logo_hash (lavoir, logo);
  comptoir_shop_set_cover_hash (lavoir, "");
  push_shop (platform, lavoir, 0);
  remote = remote_get (sandbox->marketplace, "/shop", token);
  g_assert_cmpstr (json_object_get_string_member (remote, "logo"), ==, logo_id);
  g_assert_true (json_object_get_null_member (remote, "cover"));

  comptoir_test_sandbox_stop (sandbox);
}

/* The directory's offers show the product's photos, by the URLs the
 * directory gave for our uploaded web images. */
static void
test_directory_offer_photos (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = connect_account (store, sandbox->directory, NULL, sandbox->api_key, &error);
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(ComptoirProduct) flowers = make_product ("Bouquet de saison", 1800);
  g_autoptr(ComptoirRemoteObject) offer = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  const char *hashes[2] = { NULL, NULL };
  JsonArray *images;

  g_assert_no_error (error);
  key = lookup_secret (comptoir_account_get_id (account), COMPTOIR_SECRET_API_KEY);
  platform = comptoir_platform_new_for_account (store, account);
  hashes[0] = import_picture (store, 0xa060c0ff);
  g_assert_true (comptoir_product_save_with_photos (store, flowers, hashes, &error));
  g_assert_no_error (error);
  offer = push_product (platform, NULL, flowers, 0);
  path = g_strconcat ("/offers/", offer->id, NULL);
  remote = remote_get (sandbox->directory, path, key);
  images = json_object_get_array_member (json_object_get_object_member (remote, "itemOffered"), "image");
  g_assert_cmpuint (json_array_get_length (images), ==, 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (images, 0), "http"));
  g_free ((char *) hashes[0]);
  comptoir_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/connectors/discover", test_discover);
  g_test_add_func ("/connectors/marketplace", test_marketplace);
  g_test_add_func ("/connectors/orders-and-payouts", test_orders_and_payouts);
  g_test_add_func ("/connectors/directory", test_directory);
  g_test_add_func ("/connectors/rate-limit", test_rate_limit);
  g_test_add_func ("/connectors/refresh-and-revoke", test_refresh_and_revoke);
  g_test_add_func ("/connectors/revoked-key-and-sign-out", test_revoked_key_and_sign_out);
  g_test_add_func ("/connectors/variants-photos-and-order-lines", test_variants_photos_and_order_lines);
  g_test_add_func ("/connectors/shop-pictures", test_shop_pictures);
  g_test_add_func ("/connectors/directory-offer-photos", test_directory_offer_photos);

  return g_test_run ();
}
