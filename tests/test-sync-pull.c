// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-order-batch.h"
#include "comptoir-platform.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-store-private.h"
#include "comptoir-sync-pull.h"
#include "comptoir-sync-state.h"
#include "comptoir-test-utils.h"

/* Pulling orders and payouts from comptoir-sandbox over real HTTP, into a
 * real store: every page, only what changed, resumed after a restart or a
 * kill -9, and nothing lost when the network is down. Secrets live in a
 * private keyring (run-with-keyring.sh). */

static GAsyncResult *slot;
#define AWAIT() comptoir_test_await (&slot)
#define CB comptoir_test_result_cb, &slot

static ComptoirStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ComptoirStore *store = comptoir_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static ComptoirStore *
new_store (const char *name)
{
  g_autofree char *path = comptoir_test_tmp_path (name);

  g_remove (path);
  return open_store (path);
}

/* The merchant's marketplace account, and its connector. */
static ComptoirPlatform *
connect_marketplace (ComptoirStore       *store,
                     ComptoirTestSandbox *sandbox,
                     guint                page_size)
{
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email,
                                                        sandbox->password);
  ComptoirPlatform *platform = comptoir_platform_new_for_account (store, account);

  comptoir_platform_set_page_size (platform, page_size);
  return platform;
}

/* The connector of the account already in @store (after a restart). */
static ComptoirPlatform *
reopen_platform (ComptoirStore *store,
                 guint          page_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = comptoir_account_list (store, &error);
  g_autoptr(ComptoirAccount) account = NULL;
  ComptoirPlatform *platform;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  account = g_list_model_get_item (accounts, 0);
  platform = comptoir_platform_new_for_account (store, account);
  comptoir_platform_set_page_size (platform, page_size);
  return platform;
}

static gboolean
pull (ComptoirStore     *store,
      ComptoirPlatform  *platform,
      guint             *n_changed,
      GError           **error)
{
  g_autoptr(GAsyncResult) r = NULL;

  comptoir_sync_pull_async (store, platform, NULL, CB);
  r = AWAIT ();
  return comptoir_sync_pull_finish (r, n_changed, error);
}

static gint64
query_int (ComptoirStore *store,
           const char    *sql,
           const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (ComptoirStore *store,
            const char    *sql,
            const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
requests_total (ComptoirTestSandbox *sandbox)
{
  g_autoptr(JsonNode) counters = comptoir_test_sandbox_control (sandbox, "GET", "/_sandbox/counters", NULL, NULL);

  /* this request included: two calls around a pull differ by one more
   * than the pull's requests */
  return json_object_get_int_member (json_node_get_object (counters), "requests_total");
}

/* Every order the platform holds, as the connector reads it (one page). */
static ComptoirPage *
remote_orders (ComptoirPlatform *platform)
{
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  ComptoirPage *page;

  comptoir_platform_set_page_size (platform, 200);
  comptoir_platform_list_orders_async (platform, NULL, NULL, NULL, CB);
  r = AWAIT ();
  page = comptoir_platform_finish_page (platform, r, &error);
  g_assert_no_error (error);
  g_assert_null (page->next_cursor);
  return page;
}

/* The store holds exactly the platform's orders: each once, in its state,
 * with its lines once. */
static void
assert_same_orders (ComptoirStore    *store,
                    ComptoirPlatform *platform)
{
  g_autoptr(ComptoirPage) page = remote_orders (platform);
  gint64 lines = 0;

  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, page->items->len);
  for (guint i = 0; i < page->items->len; i++)
    {
      ComptoirOrder *order = page->items->pdata[i];
      const char *id = comptoir_order_get_remote_id (order);
      GPtrArray *order_lines = comptoir_order_get_lines (order);
      g_autofree char *status = query_text (store, "SELECT status FROM orders WHERE remote_id = ?1", id);
      gint64 line_total = 0;

      g_assert_cmpstr (status, ==, comptoir_order_get_status (order));
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                                         "WHERE o.remote_id = ?1", id), ==, order_lines->len);
      for (guint j = 0; j < order_lines->len; j++)
        line_total += ((ComptoirOrderLine *) order_lines->pdata[j])->total_cents;
      g_assert_cmpint (query_int (store, "SELECT sum(l.total_cents) FROM order_lines l JOIN orders o "
                                         "ON o.id = l.order_id WHERE o.remote_id = ?1", id), ==, line_total);
      g_assert_cmpint (query_int (store, "SELECT total_cents FROM orders WHERE remote_id = ?1", id), ==,
                       comptoir_order_get_total_cents (order));
      lines += order_lines->len;
    }
  g_assert_cmpint (comptoir_store_count (store, "order_lines"), ==, lines);
}

static void
test_first_pull (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--seed-orders", "23", "--rate-limit", "0", NULL);
  g_autoptr(ComptoirStore) store = new_store ("first.db");
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (store, sandbox, 5);
  g_autoptr(JsonNode) payout = NULL;
  g_autoptr(JsonNode) odd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *success = NULL;
  g_autofree char *last_error = NULL;
  JsonArray *paid;
  const char *odd_id;
  gint64 account_id = comptoir_platform_get_account_id (platform);
  guint n_changed = 0;
  guint status = 0;

  /* Orders done and paid out together, then odd but valid customer text. */
  payout = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/payouts", NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  paid = json_object_get_array_member (json_node_get_object (payout), "order_ids");
  g_assert_cmpuint (json_array_get_length (paid), >=, 3);

  {
    g_autoptr(GString) text = g_string_new (NULL);

    while (g_utf8_strlen (text->str, -1) < 990)
      g_string_append (text, "Sans gluten 🥖 <b>%s</b> ");
    note = g_utf8_substring (text->str, 0, 1000);
  }
  spec = g_strdup_printf ("{\"customer\": {\"name\": \"Zoé <i>d’Aubusson</i> '); DROP TABLE orders;--\"},"
                          " \"note\": \"%s\", \"fulfilment\": \"delivery\","
                          " \"lines\": [{\"product_id\": \"prd_demo1\", \"quantity\": 1000},"
                          "             {\"product_id\": \"prd_demo2\", \"quantity\": 1}]}", note);
  odd = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/orders", spec, &status);
  g_assert_cmpuint (status, ==, 201);
  odd_id = json_object_get_string_member (json_node_get_object (odd), "id");

  /* 24 orders in pages of 5, then the payout. */
  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 24 + 1);
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 24);
  assert_same_orders (store, platform);

  stored = query_text (store, "SELECT customer_name FROM orders WHERE remote_id = ?1", odd_id);
  g_assert_cmpstr (stored, ==, "Zoé <i>d’Aubusson</i> '); DROP TABLE orders;--");
  g_clear_pointer (&stored, g_free);
  stored = query_text (store, "SELECT customer_note FROM orders WHERE remote_id = ?1", odd_id);
  g_assert_cmpstr (stored, ==, note);
  g_assert_cmpint (query_int (store, "SELECT quantity FROM order_lines l JOIN orders o ON o.id = l.order_id "
                                     "WHERE o.remote_id = ?1 ORDER BY l.id LIMIT 1", odd_id), ==, 1000);

  /* The payout, with the orders it pays. */
  g_assert_cmpint (comptoir_store_count (store, "payouts"), ==, 1);
  g_assert_cmpint (comptoir_store_count (store, "payout_orders"), ==, json_array_get_length (paid));
  for (guint i = 0; i < json_array_get_length (paid); i++)
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM payout_orders WHERE order_remote_id = ?1",
                                json_array_get_string_element (paid, i)), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT net_cents FROM payouts", NULL), ==,
                   json_object_get_int_member (json_node_get_object (payout), "net_cents"));

  /* Both pulls recorded as done. */
  g_assert_true (comptoir_sync_state_get_status (store, account_id, COMPTOIR_SYNC_ORDERS, &success, &last_error, &error));
  g_assert_nonnull (success);
  g_assert_null (last_error);
  g_clear_pointer (&success, g_free);
  g_assert_true (comptoir_sync_state_get_status (store, account_id, COMPTOIR_SYNC_PAYOUTS, &success, &last_error, &error));
  g_assert_nonnull (success);
  g_assert_null (last_error);

  comptoir_test_sandbox_stop (sandbox);
}

static void
test_incremental_after_restart (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--seed-orders", "12", "--rate-limit", "0", NULL);
  g_autofree char *path = comptoir_test_tmp_path ("incremental.db");
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) placed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cancel_path = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *first_id = NULL;
  guint n_changed = 0;
  guint status = 0;
  gint64 before;

  g_remove (path);
  store = open_store (path);
  platform = connect_marketplace (store, sandbox, 5);
  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 12);

  /* Comptoir is closed and opened again. */
  g_clear_object (&platform);
  g_clear_object (&store);
  store = open_store (path);
  platform = reopen_platform (store, 5);

  /* Meanwhile a customer cancels a new order and another one orders. */
  first_id = query_text (store, "SELECT remote_id FROM orders WHERE status = 'new' ORDER BY id LIMIT 1", NULL);
  cancel_path = g_strdup_printf ("/_sandbox/orders/%s/cancel", first_id);
  cancelled = comptoir_test_sandbox_control (sandbox, "POST", cancel_path, "{\"reason\": \"Empêchée\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  placed = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/orders", NULL, &status);
  g_assert_cmpuint (status, ==, 201);

  /* Only those two come, in one page of orders and one of payouts. */
  before = requests_total (sandbox);
  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpint (requests_total (sandbox) - before - 1, ==, 2);
  status_text = query_text (store, "SELECT status FROM orders WHERE remote_id = ?1", first_id);
  g_assert_cmpstr (status_text, ==, "cancelled");
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 13);
  assert_same_orders (store, platform);

  /* Nothing new: nothing written. */
  comptoir_platform_set_page_size (platform, 5);
  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 0);

  comptoir_test_sandbox_stop (sandbox);
}

/* The child: pulls into the store at @path until killed. */
static int
run_puller (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(GAsyncResult) r = NULL;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  platform = reopen_platform (store, 4);
  comptoir_sync_pull_async (store, platform, NULL, CB);
  r = AWAIT ();
  if (!comptoir_sync_pull_finish (r, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static void
test_kill_mid_pull (void)
{
  /* 60 orders in pages of 4, each page 20 ms late: a pull of ~15 pages. */
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--seed-orders", "60", "--rate-limit", "0",
                                                              "--latency-ms", "20", NULL);
  const char *self_exe = g_test_get_filename (G_TEST_BUILT, "test-sync-pull", NULL);
  g_autofree char *path = comptoir_test_tmp_path ("killed.db");
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(GError) error = NULL;
  gint64 committed = 0, before;
  guint n_changed = 0;

  g_remove (path);
  store = open_store (path);
  platform = connect_marketplace (store, sandbox, 4);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      gint64 kill_at = committed + 4 * g_test_rand_int_range (1, 6);
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_exe, "--puller", path, NULL);
      g_assert_no_error (error);
      /* Kill it once some pages are in, at an instant of its own. */
      while (comptoir_store_count (store, "orders") < kill_at)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (1000);
        }
      g_usleep (g_test_rand_int_range (0, 20000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      g_assert_true (g_subprocess_get_if_signaled (child));
      committed = comptoir_store_count (store, "orders");
      g_test_message ("killed after %" G_GINT64_FORMAT " orders", committed);
      g_assert_cmpint (committed, <, 60);
      /* What is in is whole: each order with all its lines. */
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                         "(SELECT 1 FROM order_lines l WHERE l.order_id = o.id)", NULL), ==, 0);
    }

  /* The next pull goes on from the last page written, not from the start. */
  before = requests_total (sandbox);
  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_changed, ==, 60 - committed);
  g_assert_cmpint (requests_total (sandbox) - before - 1, <=, (60 - committed) / 4 + 2);
  assert_same_orders (store, platform);

  comptoir_test_sandbox_stop (sandbox);
}

static void
test_network_down (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--seed-orders", "7", "--rate-limit", "0", NULL);
  g_autoptr(ComptoirStore) store = new_store ("offline.db");
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (store, sandbox, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *success = NULL;
  g_autofree char *success_after = NULL;
  g_autofree char *last_error = NULL;
  gint64 account_id = comptoir_platform_get_account_id (platform);
  guint n_changed = 0;

  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_true (comptoir_sync_state_get_status (store, account_id, COMPTOIR_SYNC_ORDERS, &success, NULL, &error));

  /* The connection drops. */
  comptoir_test_sandbox_stop (sandbox);
  g_assert_false (pull (store, platform, &n_changed, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
  g_assert_cmpuint (n_changed, ==, 0);
  /* In the merchant's words and language. */
  g_assert_true (g_str_has_prefix (error->message, "Les commandes n’ont pas pu être mises à jour"));
  g_assert_nonnull (strstr (error->message, "connexion"));

  g_assert_true (comptoir_sync_state_get_status (store, account_id, COMPTOIR_SYNC_ORDERS,
                                                 &success_after, &last_error, NULL));
  g_assert_cmpstr (last_error, ==, error->message);
  g_assert_cmpstr (success_after, ==, success);
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 7);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM order_lines", NULL), >=, 7);
}

static void
test_directory (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(ComptoirStore) store = new_store ("directory.db");
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->directory, NULL, sandbox->api_key);
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  g_autoptr(GError) error = NULL;
  guint n_changed = 1;

  /* No orders nor payouts on a directory: nothing to do, no failure. */
  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpint (comptoir_store_count (store, "sync_state"), ==, 0);

  comptoir_test_sandbox_stop (sandbox);
}

/* Pages a platform may send, odd but valid: the same order twice, an order
 * without lines, without a version, amounts at the connector's limits, a
 * payout listing an order twice or none. Written as data, counted once. */
typedef struct
{
  GPtrArray *orders;
  gint64    *versions;
  GPtrArray *payouts;
  guint      n_orders;
  guint      n_payouts;
} OddPage;

static gboolean
write_odd_page_tx (ComptoirStore  *store,
                   gpointer        user_data,
                   GError        **error)
{
  OddPage *page = user_data;

  return comptoir_order_write_page (store, 1, page->orders, page->versions, &page->n_orders, error)
         && comptoir_payout_write_page (store, 1, page->payouts, &page->n_payouts, error);
}

static ComptoirOrder *
odd_order (const char *id,
           const char *name,
           gint64      total,
           gboolean    with_lines)
{
  ComptoirOrder *order = comptoir_order_new ();

  comptoir_order_set_remote_id (order, id);
  comptoir_order_set_number (order, "");
  comptoir_order_set_status (order, "new");
  comptoir_order_set_customer_name (order, name);
  comptoir_order_set_total_cents (order, total);
  comptoir_order_set_placed_at (order, "2026-11-28T23:59:59.999999Z");
  if (with_lines)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_order_line_free);

      g_ptr_array_add (lines, comptoir_order_line_new ("ln_1", NULL, "%s%n <b>", 1000000, total, total, 0));
      comptoir_order_set_lines (order, lines);
    }
  return order;
}

static void
test_odd_pages (void)
{
  g_autoptr(ComptoirStore) store = new_store ("odd.db");
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) payouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ComptoirPayout) payout = comptoir_payout_new ();
  g_autoptr(GError) error = NULL;
  const char *twice[] = { "ord_a", "ord_a", "ord_b", NULL };
  const char *none[] = { NULL };
  gint64 versions[] = { 3, 4, 0, 1 };
  OddPage page = { orders, versions, payouts, 0, 0 };

  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "http://127.0.0.1:1/marketplace/v1");
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (comptoir_account_get_id (account), ==, 1);

  g_ptr_array_add (orders, odd_order ("ord_a", "Première version", 100, TRUE));
  g_ptr_array_add (orders, odd_order ("ord_a", "Seconde version", G_GINT64_CONSTANT (100000000000), TRUE));
  g_ptr_array_add (orders, odd_order ("ord_b", "", 0, FALSE));
  g_ptr_array_add (orders, odd_order ("ord_c", "\"'); DELETE FROM orders; --", 1, TRUE));
  comptoir_payout_set_remote_id (payout, "pay_1");
  comptoir_payout_set_period_start (payout, "2026-11-01");
  comptoir_payout_set_period_end (payout, "2026-11-30");
  comptoir_payout_set_net_cents (payout, -G_GINT64_CONSTANT (100000000000));
  comptoir_payout_set_status (payout, "failed");
  comptoir_payout_set_order_ids (payout, twice);
  g_ptr_array_add (payouts, g_object_ref (payout));

  g_assert_true (comptoir_store_transaction (store, write_odd_page_tx, &page, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (page.n_orders, ==, 4);
  g_assert_cmpuint (page.n_payouts, ==, 1);
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT total_cents FROM orders WHERE remote_id = ?1", "ord_a"), ==,
                   G_GINT64_CONSTANT (100000000000));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM order_lines", NULL), ==, 2);
  g_assert_cmpint (comptoir_store_count (store, "payout_orders"), ==, 2);

  /* The same page again: only what has no version counts as changed; an
   * older version never comes back over a newer one. */
  g_assert_true (comptoir_store_transaction (store, write_odd_page_tx, &page, &error));
  g_assert_cmpuint (page.n_orders, ==, 1);
  g_assert_cmpuint (page.n_payouts, ==, 0);
  {
    g_autofree char *name = query_text (store, "SELECT customer_name FROM orders WHERE remote_id = ?1", "ord_a");
    g_assert_cmpstr (name, ==, "Seconde version");
  }

  /* The payout now pays nothing: its orders go. */
  comptoir_payout_set_order_ids (payout, none);
  g_ptr_array_set_size (orders, 0);
  g_assert_true (comptoir_store_transaction (store, write_odd_page_tx, &page, &error));
  g_assert_cmpuint (page.n_payouts, ==, 1);
  g_assert_cmpint (comptoir_store_count (store, "payout_orders"), ==, 0);
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 3);
}

static void
test_cancel (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--seed-orders", "20", "--rate-limit", "0",
                                                              "--latency-ms", "20", NULL);
  g_autoptr(ComptoirStore) store = new_store ("cancel.db");
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (store, sandbox, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_error = NULL;
  gint64 account_id = comptoir_platform_get_account_id (platform);
  guint n_changed = 0;

  /* The app quits while the second page is under way. */
  comptoir_sync_pull_async (store, platform, cancellable, CB);
  while (slot == NULL && comptoir_store_count (store, "orders") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  r = AWAIT ();
  g_assert_false (comptoir_sync_pull_finish (r, &n_changed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_changed, >=, 4);
  g_assert_cmpuint (n_changed, <, 20);
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, n_changed);
  /* Not a failure to show the merchant. */
  g_assert_true (comptoir_sync_state_get_status (store, account_id, COMPTOIR_SYNC_ORDERS, NULL, &last_error, NULL));
  g_assert_null (last_error);
  g_clear_error (&error);

  g_assert_true (pull (store, platform, &n_changed, &error));
  g_assert_no_error (error);
  assert_same_orders (store, platform);

  comptoir_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--puller"))
    return run_puller (argv[2]);

  /* The merchant's language. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  comptoir_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/sync/first-pull", test_first_pull);
  g_test_add_func ("/sync/incremental-after-restart", test_incremental_after_restart);
  g_test_add_func ("/sync/kill-mid-pull", test_kill_mid_pull);
  g_test_add_func ("/sync/network-down", test_network_down);
  g_test_add_func ("/sync/directory", test_directory);
  g_test_add_func ("/sync/odd-pages", test_odd_pages);
  g_test_add_func ("/sync/cancel", test_cancel);

  return g_test_run ();
}
