// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-outbox.h"
#include "comptoir-csv.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-platform.h"
#include "comptoir-product-query.h"
#include "comptoir-product-store.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-store-private.h"
#include "comptoir-sync-push.h"
#include "comptoir-test-utils.h"

/* The outbox and its push against comptoir-sandbox over real HTTP, with
 * the secrets in a private keyring (run by run-with-keyring.sh): what the
 * merchant changes, offline or not, reaches every platform once. */

static GAsyncResult *slot;
#define AWAIT() comptoir_test_await (&slot)
#define CB comptoir_test_result_cb, &slot

static ComptoirStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = comptoir_test_tmp_path (name);
  ComptoirStore *store;

  g_remove (path);
  store = comptoir_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static gboolean
push (ComptoirStore     *store,
      ComptoirPlatform  *platform,
      guint             *n_sent,
      GError           **error)
{
  g_autoptr(GAsyncResult) r = NULL;

  comptoir_sync_push_async (store, platform, NULL, CB);
  r = AWAIT ();
  return comptoir_sync_push_finish (r, n_sent, error);
}

static ComptoirOutboxSummary
summary (ComptoirStore *store,
         gint64         account_id)
{
  ComptoirOutboxSummary out;
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_outbox_get_summary (store, account_id, &out, &error));
  g_assert_no_error (error);
  return out;
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
  comptoir_product_set_category (product, "Pains");
  comptoir_product_set_visibility (product, COMPTOIR_VISIBILITY_MARKETPLACE | COMPTOIR_VISIBILITY_DIRECTORY);
  return product;
}

static gint64
save_product (ComptoirStore *store,
              const char    *name,
              gint64         price)
{
  g_autoptr(ComptoirProduct) product = make_product (name, price);
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_no_error (error);
  return comptoir_product_get_id (product);
}

static void
rename_product (ComptoirStore *store,
                gint64         id,
                const char    *name,
                gint64         price)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirProduct) product = comptoir_product_load (store, id, &error);

  g_assert_no_error (error);
  comptoir_product_set_name (product, name);
  if (price > 0)
    comptoir_product_set_price_cents (product, price);
  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_no_error (error);
}

static void
save_shop (ComptoirStore *store)
{
  g_autoptr(ComptoirShop) shop = comptoir_shop_new ();
  g_autoptr(GError) error = NULL;

  comptoir_shop_set_name (shop, "Boulangerie du Lavoir");
  comptoir_shop_set_category (shop, "bakery");
  comptoir_shop_set_description (shop, "Pains au levain et viennoiseries.");
  comptoir_shop_set_street (shop, "2 place du Lavoir");
  comptoir_shop_set_postcode (shop, "23200");
  comptoir_shop_set_city (shop, "Aubusson");
  comptoir_shop_set_phone (shop, "05 55 12 34 56");
  comptoir_shop_set_email (shop, "contact@lavoir.fr");
  comptoir_shop_set_click_and_collect (shop, TRUE);
  g_assert_true (comptoir_shop_save (store, shop, &error));
  g_assert_no_error (error);
}

/* Every idempotency key the sandbox saw was applied exactly once. */
static guint
check_applied_once (ComptoirTestSandbox *sandbox,
                    guint               *replayed)
{
  g_autoptr(JsonNode) counters = comptoir_test_sandbox_control (sandbox, "GET", "/_sandbox/counters", NULL, NULL);
  JsonObject *keys = json_object_get_object_member (json_node_get_object (counters), "idempotency");
  g_autoptr(GList) members = json_object_get_members (keys);

  if (replayed != NULL)
    *replayed = 0;
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *counts = json_object_get_object_member (keys, l->data);

      g_assert_cmpint (json_object_get_int_member (counts, "applied"), ==, 1);
      if (replayed != NULL)
        *replayed += (guint) json_object_get_int_member (counts, "replayed");
    }
  return g_list_length (members);
}

/* The names of the products the platform holds. */
static GPtrArray *
remote_names (ComptoirPlatform *platform)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  do
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(ComptoirPage) page = NULL;
      g_autoptr(GError) error = NULL;

      comptoir_platform_list_products_async (platform, cursor, NULL, NULL, CB);
      r = AWAIT ();
      page = comptoir_platform_finish_page (platform, r, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->items->len; i++)
        g_ptr_array_add (names, g_strdup (comptoir_product_get_name (page->items->pdata[i])));
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  while (cursor != NULL);
  return names;
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return TRUE;
  return FALSE;
}

static ComptoirPublication *
publication (ComptoirStore *store,
             gint64         product_id,
             gint64         account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = comptoir_outbox_list_publications (store, product_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      ComptoirPublication *p = list->pdata[i];
      if (p->account_id == account_id)
        return g_ptr_array_steal_index (list, i);
    }
  g_assert_not_reached ();
}

static gint64
count_rows (ComptoirStore *store,
            const char    *sql,
            gint64         arg)
{
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Pushes until nothing is left to send (or @max runs). */
static void
push_until_done (ComptoirStore    *store,
                 ComptoirPlatform *platform,
                 guint             max)
{
  gint64 account_id = comptoir_platform_get_account_id (platform);

  for (guint i = 0; i < max && summary (store, account_id).pending > 0; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!push (store, platform, NULL, &error))
        g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
    }
  g_assert_cmpuint (summary (store, account_id).pending, ==, 0);
}

static void
test_offline_then_online (void)
{
  g_autofree char *data = comptoir_test_tmp_path ("offline-sandbox.db");
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--data", data, NULL);
  g_autoptr(ComptoirStore) store = open_store ("offline.db");
  g_autoptr(ComptoirAccount) market = NULL;
  g_autoptr(ComptoirAccount) directory = NULL;
  g_autoptr(ComptoirPlatform) market_platform = NULL;
  g_autoptr(ComptoirPlatform) directory_platform = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup (strrchr (sandbox->origin, ':') + 1);
  ComptoirOutboxSummary s;
  gint64 bread, brioche;
  guint n_sent = 99, n_keys;

  /* What the shop had before connecting is sent to each new account. */
  save_shop (store);
  bread = save_product (store, "Pain de campagne", 420);
  market = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  directory = comptoir_test_connect_account (store, sandbox->directory, NULL, sandbox->api_key);
  market_platform = comptoir_platform_new_for_account (store, market);
  directory_platform = comptoir_platform_new_for_account (store, directory);
  s = summary (store, comptoir_account_get_id (market));
  g_assert_cmpuint (s.pending, ==, 2);
  s = summary (store, comptoir_account_get_id (directory));
  g_assert_cmpuint (s.pending, ==, 2);

  /* The connection drops; the merchant goes on. */
  comptoir_test_sandbox_stop (sandbox);
  brioche = save_product (store, "Brioche", 650);
  rename_product (store, bread, "Pain de campagne au levain", 0);
  g_assert_cmpint (brioche, >, 0);

  g_assert_false (push (store, market_platform, &n_sent, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
  g_assert_cmpuint (n_sent, ==, 0);
  g_clear_error (&error);
  /* Every change waits for both platforms, none is lost or refused. */
  s = summary (store, comptoir_account_get_id (market));
  g_assert_cmpuint (s.pending, ==, 3);
  g_assert_cmpuint (s.failed, ==, 0);
  g_assert_cmpint (s.next_attempt_unix, <=, g_get_real_time () / G_USEC_PER_SEC);
  s = summary (store, comptoir_account_get_id (directory));
  g_assert_cmpuint (s.pending, ==, 3);

  /* Back online (same address, same data): everything goes, once. */
  sandbox = comptoir_test_sandbox_start ("--data", data, "--port", port, NULL);
  g_assert_true (push (store, market_platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 3);
  g_assert_true (push (store, directory_platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 3);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (market)).pending, ==, 0);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (directory)).pending, ==, 0);

  names = remote_names (market_platform);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (names_contain (names, "Pain de campagne au levain"));
  g_assert_true (names_contain (names, "Brioche"));
  g_clear_pointer (&names, g_ptr_array_unref);
  names = remote_names (directory_platform);
  g_assert_cmpuint (names->len, ==, 2);

  /* Nothing is sent twice: a second run has nothing to do. */
  g_assert_true (push (store, market_platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 0);
  n_keys = check_applied_once (sandbox, NULL);
  g_assert_cmpuint (n_keys, >=, 6);

  {
    g_autoptr(ComptoirPublication) p = publication (store, bread, comptoir_account_get_id (market));
    g_assert_cmpstr (p->state, ==, "published");
    g_assert_nonnull (p->remote_id);
    g_assert_cmpint (p->remote_version, >=, 1);
  }
  {
    g_autoptr(ComptoirPublication) shop = comptoir_outbox_get_shop_publication (store, comptoir_account_get_id (directory), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (shop->state, ==, "published");
  }

  /* Deleting a product withdraws it from both platforms. */
  g_assert_true (comptoir_product_delete (store, brioche, &error));
  g_assert_cmpuint (summary (store, comptoir_account_get_id (market)).pending, ==, 1);
  g_assert_true (push (store, market_platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_true (push (store, directory_platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = remote_names (market_platform);
  g_assert_cmpuint (names->len, ==, 1);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = remote_names (directory_platform);
  g_assert_cmpuint (names->len, ==, 1);
  check_applied_once (sandbox, NULL);

  /* The shop again: based on the version each platform gave back. */
  save_shop (store);
  g_assert_true (push (store, market_platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_true (push (store, directory_platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (market)).conflicts, ==, 0);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (directory)).conflicts, ==, 0);
  {
    g_autoptr(ComptoirPublication) shop = comptoir_outbox_get_shop_publication (store, comptoir_account_get_id (market), &error);
    g_assert_cmpstr (shop->state, ==, "published");
    g_assert_cmpint (shop->remote_version, >=, 2);
  }
  check_applied_once (sandbox, NULL);
  comptoir_test_sandbox_stop (sandbox);
}

static gint64
add_account (ComptoirStore *store,
             const char    *kind,
             const char    *url)
{
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(GError) error = NULL;

  comptoir_account_set_kind (account, kind);
  comptoir_account_set_base_url (account, url);
  comptoir_account_set_login (account, "boulangerie@example.fr");
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_assert_no_error (error);
  return comptoir_account_get_id (account);
}

static char *
import_photo (ComptoirStore *store,
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

static gboolean
failing_tx (ComptoirStore  *store,
            gpointer        user_data,
            GError        **error)
{
  g_assert_true (comptoir_product_write (store, user_data, NULL));
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED, "rolled back");
  return FALSE;
}

/* Every way core changes the catalogue writes its entries, for every
 * account, in the same transaction; a rollback writes none. */
static void
test_every_writer (void)
{
  g_autoptr(ComptoirStore) store = open_store ("writers.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirProduct) rolled_back = make_product ("Jamais", 100);
  g_autoptr(ComptoirCsvPreview) preview = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *snapshot = NULL;
  const char *hashes[2] = { NULL, NULL };
  gint64 market, directory, bread, copy, restored;
  ComptoirBulkEdit edit = { COMPTOIR_BULK_PRICE_ADD, 10, NULL, 0 };
  gint64 ids[2];
  guint n = 0;

  /* Before any account: nothing to send anywhere. */
  bread = save_product (store, "Pain", 300);
  g_assert_cmpint (comptoir_store_count (store, "outbox"), ==, 0);

  /* Connecting sends what exists: the named shop, active products. */
  save_shop (store);
  market = add_account (store, "marketplace", "https://place.example/v1");
  g_assert_cmpuint (summary (store, market).pending, ==, 2);
  directory = add_account (store, "directory", "https://annuaire.example/v1");
  g_assert_cmpuint (summary (store, directory).pending, ==, 2);
  g_assert_cmpint (comptoir_store_count (store, "outbox"), ==, 4);

  /* Edits of what waits already merge into it. */
  save_shop (store);
  rename_product (store, bread, "Pain au levain", 0);
  g_assert_true (comptoir_product_archive (store, bread, TRUE, &error));
  g_assert_true (comptoir_product_archive (store, bread, FALSE, &error));
  photo = import_photo (store, 0x80c040ff);
  hashes[0] = photo;
  {
    g_autoptr(ComptoirProduct) p = comptoir_product_load (store, bread, &error);
    g_assert_true (comptoir_product_save_with_photos (store, p, hashes, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (comptoir_store_count (store, "outbox"), ==, 4);

  /* New objects: one entry per account. */
  copy = comptoir_product_duplicate (store, bread, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary (store, market).pending, ==, 3);
  csv = g_bytes_new_static ("nom;prix\nÉclair;2,50\nFlan;3,00\n", strlen ("nom;prix\nÉclair;2,50\nFlan;3,00\n"));
  preview = comptoir_csv_preview_from_bytes (csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (comptoir_csv_import_commit (store, preview, &n, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (summary (store, market).pending, ==, 5);
  g_assert_cmpuint (summary (store, directory).pending, ==, 5);
  ids[0] = bread;
  ids[1] = copy;
  g_assert_true (comptoir_products_bulk_edit (store, ids, 2, &edit, &error));
  g_assert_cmpuint (summary (store, market).pending, ==, 5);

  /* A product deleted before it was ever sent leaves nothing to send;
   * undoing the deletion queues it again. */
  snapshot = comptoir_product_delete_with_snapshot (store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary (store, market).pending, ==, 4);
  restored = comptoir_product_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, >, 0);
  g_assert_cmpuint (summary (store, market).pending, ==, 5);

  /* Rolled back: no entry either. */
  g_assert_false (comptoir_store_transaction (store, failing_tx, rolled_back, &error));
  g_clear_error (&error);
  g_assert_cmpuint (summary (store, market).pending, ==, 5);

  /* Each entry has its own key. */
  g_assert_cmpint (count_rows (store, "SELECT count (DISTINCT idempotency_key) FROM outbox WHERE ?1 = ?1", 0),
                   ==, comptoir_store_count (store, "outbox"));
}

/* Photos go before the product that shows them, to both platforms, and a
 * photo sent again is recognised, not copied. */
static void
test_photos (void)
{
  /* Two sandboxes: each counts keys across both of its platforms. */
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  ComptoirTestSandbox *listing = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ("photos.db");
  g_autoptr(ComptoirAccount) market = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirAccount) directory = comptoir_test_connect_account (store, listing->directory, NULL, listing->api_key);
  g_autoptr(ComptoirPlatform) market_platform = comptoir_platform_new_for_account (store, market);
  g_autoptr(ComptoirPlatform) directory_platform = comptoir_platform_new_for_account (store, directory);
  g_autoptr(ComptoirProduct) flowers = make_product ("Bouquet de saison", 2500);
  g_autoptr(GError) error = NULL;
  g_autofree char *red = import_photo (store, 0xc04040ff);
  g_autofree char *blue = import_photo (store, 0x4040c0ff);
  const char *hashes[] = { red, blue, NULL };
  guint n_sent = 0;

  g_assert_true (comptoir_product_save_with_photos (store, flowers, hashes, &error));
  g_assert_no_error (error);
  g_assert_true (push (store, market_platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_true (push (store, directory_platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (market)).failed, ==, 0);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (directory)).failed, ==, 0);
  /* the product and its two photos on each platform */
  g_assert_cmpuint (check_applied_once (sandbox, NULL), ==, 3);
  g_assert_cmpuint (check_applied_once (listing, NULL), ==, 3);

  /* An edit sends the product again with the same photos: no new copy. */
  rename_product (store, comptoir_product_get_id (flowers), "Bouquet d’automne", 0);
  g_assert_true (push (store, market_platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (check_applied_once (sandbox, NULL), ==, 4);
  comptoir_test_sandbox_stop (listing);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_coalesce (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  ComptoirTestSandbox *second = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ("coalesce.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  gint64 id = comptoir_account_get_id (account);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sent = 0;
  gint64 tart;

  /* Three edits before anything was sent: one entry, the last state. */
  tart = save_product (store, "Tarte", 1200);
  rename_product (store, tart, "Tarte aux pommes", 0);
  rename_product (store, tart, "Tarte aux pommes du verger", 1450);
  g_assert_cmpuint (summary (store, id).pending, ==, 1);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "Tarte aux pommes du verger");
  check_applied_once (sandbox, NULL);

  /* An entry once attempted is frozen: a newer edit queues behind it. */
  {
    g_autoptr(ComptoirAccount) other = comptoir_test_connect_account (store, second->marketplace, second->email, second->password);
    g_autoptr(ComptoirPlatform) other_platform = comptoir_platform_new_for_account (store, other);
    gint64 other_id = comptoir_account_get_id (other);

    /* attempted while that platform is out of reach */
    g_assert_cmpuint (summary (store, other_id).pending, ==, 1);
    comptoir_test_sandbox_stop (second);
    g_assert_false (push (store, other_platform, &n_sent, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
    g_clear_error (&error);
    g_assert_cmpuint (n_sent, ==, 0);
    rename_product (store, tart, "Tarte fine", 0);
    rename_product (store, tart, "Tarte fine aux pommes", 0);
    g_assert_cmpuint (summary (store, other_id).pending, ==, 2);
    /* still the first state, under its key */
    g_assert_cmpint (count_rows (store,
                                 "SELECT count (*) FROM outbox WHERE account_id = ?1 AND attempts = 1"
                                 " AND json_extract (payload, '$.product.name') = 'Tarte aux pommes du verger'",
                                 other_id), ==, 1);
    /* The first platform gets one entry for both edits. */
    g_assert_cmpuint (summary (store, id).pending, ==, 1);
  }
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_dropped_responses (void)
{
  /* Answers are lost after the platform applied the change: the retry
   * sends the same body under the same key, and is recognised (no 422).
   * The products are listed afterwards through a sandbox with the same
   * data that drops nothing. */
  g_autofree char *data = comptoir_test_tmp_path ("dropped-sandbox.db");
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--data", data, NULL);
  g_autofree char *port = g_strdup (strrchr (sandbox->origin, ':') + 1);
  g_autoptr(ComptoirStore) store = open_store ("dropped2.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  g_autoptr(GPtrArray) names = NULL;
  guint replayed = 0;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Croissant n° %u", i + 1);
      save_product (store, name, 110 + i);
    }
  comptoir_test_sandbox_stop (sandbox);
  sandbox = comptoir_test_sandbox_start ("--data", data, "--port", port, "--drop-rate", "0.5", "--rate-limit", "0", NULL);
  push_until_done (store, platform, 60);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (account)).failed, ==, 0);
  g_assert_cmpuint (check_applied_once (sandbox, &replayed), ==, 10);
  g_assert_cmpuint (replayed, >=, 1);
  comptoir_test_sandbox_stop (sandbox);

  sandbox = comptoir_test_sandbox_start ("--data", data, "--port", port, NULL);
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 10);
  comptoir_test_sandbox_stop (sandbox);
}

/* The child of test_kill_9: pushes everything, slowly, until killed. */
static int
run_pusher (const char *path,
            const char *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;

  g_assert_no_error (error);
  account = comptoir_account_load (store, g_ascii_strtoll (account_id, NULL, 10), &error);
  g_assert_no_error (error);
  platform = comptoir_platform_new_for_account (store, account);
  push (store, platform, NULL, &error);
  return 0;
}

static void
test_kill_9 (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--latency-ms", "150", "--rate-limit", "0", NULL);
  g_autoptr(ComptoirStore) store = open_store ("kill.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, comptoir_account_get_id (account));
  g_autoptr(GPtrArray) names = NULL;
  gint64 deadline;
  guint applied = 0;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Fromage n° %u", i + 1);
      save_product (store, name, 500 + i);
    }

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                            g_test_get_filename (G_TEST_BUILT, "test-sync-push", NULL),
                            "--pusher", comptoir_store_get_path (store), id, NULL);
  g_assert_no_error (error);
  /* Killed in the middle: some products sent, most not. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (applied < 4 && g_get_monotonic_time () < deadline)
    {
      g_usleep (20000);
      applied = check_applied_once (sandbox, NULL);
    }
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpuint (applied, >=, 4);
  g_assert_cmpuint (applied, <, 12);
  g_assert_cmpuint (summary (store, comptoir_account_get_id (account)).pending, >, 0);

  /* After the restart: the rest goes, and nothing twice. */
  push_until_done (store, platform, 3);
  g_assert_cmpuint (check_applied_once (sandbox, NULL), ==, 12);
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 12);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_refused (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ("refused.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  gint64 id = comptoir_account_get_id (account);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sent = 0;
  gint64 pricey, bread, cake;
  ComptoirOutboxSummary s;

  /* Two million euros: fine here, over what the marketplace takes. */
  bread = save_product (store, "Pain", 300);
  pricey = save_product (store, "Pièce montée", 200000000);
  cake = save_product (store, "Gâteau", 2500);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 2);
  s = summary (store, id);
  g_assert_cmpuint (s.pending, ==, 0);
  g_assert_cmpuint (s.failed, ==, 1);
  g_assert_cmpuint (s.conflicts, ==, 0);

  /* The reason shows on that product, in French; the others went. */
  {
    g_autoptr(ComptoirPublication) p = publication (store, pricey, id);
    g_assert_cmpstr (p->state, ==, "failed");
    g_assert_nonnull (p->last_error);
    g_assert_nonnull (strstr (p->last_error, "plateforme"));
    g_assert_null (p->remote_id);
  }
  {
    g_autoptr(ComptoirPublication) p = publication (store, cake, id);
    g_assert_cmpstr (p->state, ==, "published");
  }
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (names_contain (names, "Pain"));
  g_assert_true (names_contain (names, "Gâteau"));

  /* Not sent again by itself; the merchant's correction goes out. */
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 0);
  rename_product (store, pricey, "Pièce montée", 9000);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  s = summary (store, id);
  g_assert_cmpuint (s.failed, ==, 0);
  {
    g_autoptr(ComptoirPublication) p = publication (store, pricey, id);
    g_assert_cmpstr (p->state, ==, "published");
    g_assert_null (p->last_error);
  }
  g_assert_cmpint (bread, >, 0);
  check_applied_once (sandbox, NULL);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_conflict (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ("conflict.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  g_autoptr(ComptoirPlatform) elsewhere = comptoir_platform_new_for_account (store, account);
  gint64 id = comptoir_account_get_id (account);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirPublication) sent = NULL;
  g_autoptr(ComptoirProduct) theirs = make_product ("Baguette (modifiée sur la plateforme)", 130);
  g_autoptr(ComptoirRemoteObject) remote = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autofree char *key = g_uuid_string_random ();
  const char *no_media[] = { NULL };
  ComptoirMutation mutation = { key, 0 };
  guint n_sent = 0;
  gint64 baguette;
  ComptoirOutboxSummary s;

  baguette = save_product (store, "Baguette", 110);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  sent = publication (store, baguette, id);

  /* Someone changes it on the platform, then the merchant here. */
  comptoir_platform_update_product_async (elsewhere, sent->remote_id, theirs, no_media, &mutation, NULL, CB);
  r = AWAIT ();
  remote = comptoir_platform_finish_remote (elsewhere, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remote->version, >, sent->remote_version);
  rename_product (store, baguette, "Baguette tradition", 0);

  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  s = summary (store, id);
  g_assert_cmpuint (s.conflicts, ==, 1);
  g_assert_cmpuint (s.failed, ==, 0);
  g_assert_cmpuint (s.pending, ==, 0);
  {
    g_autoptr(ComptoirPublication) p = publication (store, baguette, id);
    g_assert_cmpstr (p->state, ==, "conflict");
    g_assert_nonnull (strstr (p->last_error, "plateforme"));
    /* the version it was based on is kept, not the platform's */
    g_assert_cmpint (p->remote_version, ==, sent->remote_version);
  }
  /* Neither side was overwritten. */
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "Baguette (modifiée sur la plateforme)");
  {
    g_autoptr(ComptoirProduct) mine = comptoir_product_load (store, baguette, &error);
    g_assert_cmpstr (comptoir_product_get_name (mine), ==, "Baguette tradition");
  }

  /* Another edit here still does not overwrite theirs. */
  rename_product (store, baguette, "Baguette tradition bio", 0);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 0);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = remote_names (platform);
  g_assert_cmpstr (names->pdata[0], ==, "Baguette (modifiée sur la plateforme)");

  /* The merchant chooses their version: it replaces the platform's,
   * based on the platform's version, and the conflict is over. */
  g_assert_true (comptoir_outbox_send_local_version (store, baguette, id, &error));
  g_assert_no_error (error);
  s = summary (store, id);
  g_assert_cmpuint (s.conflicts, ==, 0);
  g_assert_cmpuint (s.pending, ==, 1);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "Baguette tradition bio");
  {
    g_autoptr(ComptoirPublication) p = publication (store, baguette, id);
    g_assert_cmpstr (p->state, ==, "published");
    g_assert_null (p->last_error);
    g_assert_cmpint (p->remote_version, >, remote->version);
  }
  /* nothing else to resolve: a second call changes nothing */
  g_assert_true (comptoir_outbox_send_local_version (store, baguette, id, &error));
  g_assert_cmpuint (summary (store, id).pending, ==, 0);

  check_applied_once (sandbox, NULL);
  comptoir_test_sandbox_stop (sandbox);
}

/* Undone after its deletion went out: the product comes back on the
 * platform, created again, and stays publishable. */
static void
test_undo_after_delete_sent (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ("undo.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  gint64 id = comptoir_account_get_id (account);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  guint n_sent = 0;
  gint64 tart, restored;

  tart = save_product (store, "Tarte aux pommes", 1800);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);

  snapshot = comptoir_product_delete_with_snapshot (store, tart, &error);
  g_assert_no_error (error);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 0);

  restored = comptoir_product_restore (store, snapshot, &error);
  g_assert_no_error (error);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = remote_names (platform);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "Tarte aux pommes");
  {
    g_autoptr(ComptoirPublication) p = publication (store, restored, id);
    g_assert_cmpstr (p->state, ==, "published");
    g_assert_null (p->last_error);
  }
  /* and later edits go out as usual */
  rename_product (store, restored, "Tarte aux pommes et cannelle", 0);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (summary (store, id).failed, ==, 0);
  check_applied_once (sandbox, NULL);
  comptoir_test_sandbox_stop (sandbox);
}

/* The shop page changed on the platform too: nothing is overwritten until
 * the merchant sends their page, which then replaces the platform's. */
static void
test_shop_conflict (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = open_store ("shop-conflict.db");
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(ComptoirPlatform) elsewhere = NULL;
  g_autoptr(ComptoirShop) theirs = NULL;
  g_autoptr(ComptoirShop) mine = NULL;
  g_autoptr(ComptoirRemoteObject) remote = NULL;
  g_autoptr(ComptoirPublication) sent = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  ComptoirMutation mutation = { key, 0 };
  guint n_sent = 0;
  gint64 id;

  save_shop (store);
  account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
  id = comptoir_account_get_id (account);
  platform = comptoir_platform_new_for_account (store, account);
  elsewhere = comptoir_platform_new_for_account (store, account);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 1);
  sent = comptoir_outbox_get_shop_publication (store, id, &error);
  g_assert_cmpstr (sent->state, ==, "published");

  /* someone changes the page on the platform… */
  theirs = comptoir_shop_load (store, &error);
  comptoir_shop_set_name (theirs, "Le Lavoir (modifié sur la plateforme)");
  mutation.if_match = sent->remote_version;
  comptoir_platform_push_shop_async (elsewhere, theirs, NULL, &mutation, NULL, CB);
  r = AWAIT ();
  remote = comptoir_platform_finish_remote (elsewhere, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remote->version, >, sent->remote_version);

  /* …then the merchant here: refused, nothing overwritten */
  mine = comptoir_shop_load (store, &error);
  comptoir_shop_set_tagline (mine, "Au feu de bois depuis 1987");
  g_assert_true (comptoir_shop_save (store, mine, &error));
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 0);
  {
    g_autoptr(ComptoirPublication) p = comptoir_outbox_get_shop_publication (store, id, &error);
    g_assert_cmpstr (p->state, ==, "conflict");
    g_assert_nonnull (p->last_error);
  }
  g_assert_cmpuint (summary (store, id).conflicts, ==, 1);

  /* the merchant sends their page: it replaces the platform's */
  g_assert_true (comptoir_outbox_send_local_shop (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary (store, id).conflicts, ==, 0);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  {
    g_autoptr(ComptoirPublication) p = comptoir_outbox_get_shop_publication (store, id, &error);
    g_assert_cmpstr (p->state, ==, "published");
    g_assert_cmpint (p->remote_version, >, remote->version);
  }
  check_applied_once (sandbox, NULL);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_retry_after (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--rate-limit", "1", NULL);
  g_autoptr(ComptoirStore) store = open_store ("retry.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->directory, NULL, sandbox->api_key);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  gint64 id = comptoir_account_get_id (account);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) limited_at = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 entry, deadline;
  guint n_sent = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Confiture n° %u", i + 1);
      save_product (store, name, 450 + i);
    }
  /* Over the limit: the run stops at the 429, which the entry keeps, and
   * says so with how long to leave the account alone. */
  limited_at = g_date_time_new_now_utc ();
  g_assert_false (push (store, platform, &n_sent, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_RATE_LIMITED);
  g_assert_cmpuint (comptoir_error_get_retry_after (error), >=, 1);
  g_clear_error (&error);
  g_assert_cmpuint (n_sent, <, 4);
  stmt = comptoir_store_prepare (store,
                                 "SELECT id, next_attempt_at FROM outbox WHERE account_id = ?1"
                                 " AND state = 'pending' AND next_attempt_at IS NOT NULL",
                                 NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  entry = sqlite3_column_int64 (stmt, 0);
  next = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), utc);
  /* Retry-After is at least a second: never sooner. */
  g_assert_cmpint (g_date_time_to_unix (next), >=, g_date_time_to_unix (limited_at) + 1);
  g_assert_cmpint (summary (store, id).pending, ==, 4 - n_sent);

  /* Right away, that entry is not due. */
  {
    g_autoptr(ComptoirOutboxEntry) due = comptoir_outbox_next_due (store, id, 0, &error);
    g_assert_no_error (error);
    g_assert_true (due == NULL || due->id != entry);
  }

  /* Later, everything goes, once. */
  deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  while (summary (store, id).pending > 0 && g_get_monotonic_time () < deadline)
    {
      /* at the pace the platform asks for */
      g_usleep (1100000);
      if (summary (store, id).next_attempt_unix <= g_get_real_time () / G_USEC_PER_SEC
          && !push (store, platform, NULL, &error))
        {
          g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_RATE_LIMITED);
          g_clear_error (&error);
        }
    }
  g_assert_cmpuint (summary (store, id).pending, ==, 0);
  g_assert_cmpuint (check_applied_once (sandbox, NULL), ==, 4);
  comptoir_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--pusher"))
    return run_pusher (argv[2], argv[3]);

  g_setenv ("LANGUAGE", "fr", TRUE);
  comptoir_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/sync-push/every-writer", test_every_writer);
  g_test_add_func ("/sync-push/offline-then-online", test_offline_then_online);
  g_test_add_func ("/sync-push/photos", test_photos);
  g_test_add_func ("/sync-push/coalesce", test_coalesce);
  g_test_add_func ("/sync-push/dropped-responses", test_dropped_responses);
  g_test_add_func ("/sync-push/kill-9", test_kill_9);
  g_test_add_func ("/sync-push/refused", test_refused);
  g_test_add_func ("/sync-push/conflict", test_conflict);
  g_test_add_func ("/sync-push/retry-after", test_retry_after);
  g_test_add_func ("/sync-push/undo-after-delete-sent", test_undo_after_delete_sent);
  g_test_add_func ("/sync-push/shop-conflict", test_shop_conflict);

  return g_test_run ();
}
