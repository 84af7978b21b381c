// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>

#include "comptoir-account.h"
#include "comptoir-error.h"
#include "comptoir-order.h"
#include "comptoir-order-store.h"
#include "comptoir-product-store.h"
#include "comptoir-store-private.h"
#include "comptoir-test-utils.h"

static void
test_open_creates_latest (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  store = comptoir_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* In the user's data dir, so XDG_DATA_HOME isolates it. */
  expected = g_build_filename (g_get_user_data_dir (), "comptoir", "comptoir.db", NULL);
  g_assert_cmpstr (comptoir_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_cmpint (comptoir_store_get_schema_version (store), ==, comptoir_store_get_latest_version ());

  stmt = comptoir_store_prepare (store, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = comptoir_store_prepare (store, "PRAGMA foreign_keys", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Every table of schema v1 is there. */
  {
    static const char *tables[] = { "shop", "media", "products", "product_photos", "product_options",
                                    "product_variants", "accounts", "product_publications", "orders",
                                    "order_lines", "payouts", "payout_orders", "outbox", "sync_state" };
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      g_assert_cmpint (comptoir_store_count (store, tables[i]), >=, 0);
  }
}

/* A later version of the app adds a column and fills it from the data. */
static const ComptoirMigration test_v2 = {
  2,
  "ALTER TABLE products ADD COLUMN name_length INTEGER NOT NULL DEFAULT 0;"
  "UPDATE products SET name_length = length (name);"
};

static void
test_upgrade_keeps_data (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("upgrade.db");
  guint n;
  const ComptoirMigration *v1 = comptoir_store_get_migrations (&n);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autoptr(ComptoirProduct) loaded = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ComptoirMigration both[8];
  gint64 id;

  g_assert_cmpuint (n, <, G_N_ELEMENTS (both));
  store = comptoir_store_open_with_migrations (path, v1, n, &error);
  g_assert_no_error (error);
  comptoir_product_set_name (product, "Pain de campagne");
  comptoir_product_set_price_cents (product, 420);
  comptoir_product_set_vat_rate (product, 550);
  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_no_error (error);
  id = comptoir_product_get_id (product);
  g_clear_object (&store);

  memcpy (both, v1, n * sizeof (ComptoirMigration));
  both[n] = test_v2;
  both[n].version = v1[n - 1].version + 1;
  store = comptoir_store_open_with_migrations (path, both, n + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (comptoir_store_get_schema_version (store), ==, v1[n - 1].version + 1);

  loaded = comptoir_product_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_product_get_name (loaded), ==, "Pain de campagne");
  g_assert_cmpint (comptoir_product_get_price_cents (loaded), ==, 420);
  g_assert_cmpint (comptoir_product_get_vat_rate (loaded), ==, 550);

  stmt = comptoir_store_prepare (store, "SELECT name_length FROM products WHERE id = ?1", &error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, strlen ("Pain de campagne"));
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("newer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db;

  /* A database from a future Comptoir: version 99, in rollback-journal mode. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                                     "PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = comptoir_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "99"));

  /* Never damaged: not a byte changed, not even switched to WAL. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("garbage.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, it is a shopping list", -1, NULL));
  store = comptoir_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE);
}

static gboolean
failing_tx (ComptoirStore  *store,
            gpointer        user_data,
            GError        **error)
{
  g_autoptr(ComptoirProduct) good = comptoir_product_new ();
  g_autoptr(ComptoirProduct) bad = comptoir_product_new ();

  comptoir_product_set_name (good, "Brioche");
  if (!comptoir_product_write (store, good, error))
    return FALSE;
  /* No name: refused, so the whole transaction is rolled back. */
  return comptoir_product_write (store, bad, error);
}

static void
test_transaction_all_or_nothing (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("tx.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (comptoir_store_transaction (store, failing_tx, NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
}

static void
test_constraints (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("constraints.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();

  g_assert_no_error (error);
  comptoir_product_set_name (product, "Tarte");
  comptoir_product_set_vat_rate (product, 1234);  /* not a French VAT rate */
  g_assert_false (comptoir_product_save (store, product, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);
}

static gint64
add_account (ComptoirStore *store)
{
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(GError) error = NULL;

  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place.example/v1");
  comptoir_account_set_login (account, "boulangerie@example.fr");
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_assert_no_error (error);
  return comptoir_account_get_id (account);
}

typedef struct
{
  gint64          account_id;
  ComptoirOrder  *order;
  ComptoirPayout *payout;
} PullData;

static gboolean
pull_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  PullData *data = user_data;

  return comptoir_order_write (store, data->account_id, data->order, error)
         && comptoir_payout_write (store, data->account_id, data->payout, error);
}

/* A pull brings the same orders and payouts again, changed: the rows are
 * updated in place, every field the platform may change follows, and the
 * objects learn their own row id, not another's. */
static void
test_pull_updates_in_place (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("pull.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  gint64 account_id = add_account (store);
  g_autoptr(ComptoirOrder) first = comptoir_order_new ();
  g_autoptr(ComptoirOrder) other = comptoir_order_new ();
  g_autoptr(ComptoirOrder) again = comptoir_order_new ();
  g_autoptr(ComptoirPayout) payout = comptoir_payout_new ();
  g_autoptr(ComptoirPayout) other_payout = comptoir_payout_new ();
  g_autoptr(ComptoirPayout) corrected = comptoir_payout_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PullData data = { account_id, NULL, NULL };

  g_assert_no_error (error);
  g_object_set (first, "remote-id", "o-1", "number", "101", "status", "new", "fulfilment", "collect",
                "subtotal-cents", (gint64) 1000, "delivery-fee-cents", (gint64) 0,
                "total-cents", (gint64) 1000, "placed-at", "2026-11-02T09:00:00Z", NULL);
  g_object_set (other, "remote-id", "o-2", "number", "102", "status", "new",
                "total-cents", (gint64) 500, "placed-at", "2026-11-03T09:00:00Z", NULL);
  g_object_set (again, "remote-id", "o-1", "number", "101", "status", "accepted", "fulfilment", "delivery",
                "delivery-address", "3 place de l’Église, 24200 Sarlat",
                "subtotal-cents", (gint64) 1000, "delivery-fee-cents", (gint64) 350,
                "total-cents", (gint64) 1350, "placed-at", "2026-11-02T09:00:00Z", NULL);
  g_object_set (payout, "remote-id", "p-1", "period-start", "2026-11-01", "period-end", "2026-11-15",
                "gross-cents", (gint64) 10000, "commission-cents", (gint64) 800, "fees-cents", (gint64) 50,
                "net-cents", (gint64) 9150, "status", "scheduled", NULL);
  g_object_set (other_payout, "remote-id", "p-2", "period-start", "2026-11-16", "period-end", "2026-11-30",
                "gross-cents", (gint64) 0, "net-cents", (gint64) 0, "status", "scheduled", NULL);
  g_object_set (corrected, "remote-id", "p-1", "period-start", "2026-11-01", "period-end", "2026-11-15",
                "gross-cents", (gint64) 12000, "commission-cents", (gint64) 960, "fees-cents", (gint64) 60,
                "net-cents", (gint64) 10980, "status", "paid", "bank-reference", "VIR-42", NULL);

  data.order = first, data.payout = payout;
  g_assert_true (comptoir_store_transaction (store, pull_tx, &data, &error));
  data.order = other, data.payout = other_payout;
  g_assert_true (comptoir_store_transaction (store, pull_tx, &data, &error));
  data.order = again, data.payout = corrected;
  g_assert_true (comptoir_store_transaction (store, pull_tx, &data, &error));
  g_assert_no_error (error);

  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 2);
  g_assert_cmpint (comptoir_store_count (store, "payouts"), ==, 2);
  g_assert_cmpint (comptoir_order_get_id (again), ==, comptoir_order_get_id (first));
  g_assert_cmpint (comptoir_order_get_id (other), !=, comptoir_order_get_id (first));
  g_assert_cmpint (comptoir_payout_get_id (corrected), ==, comptoir_payout_get_id (payout));

  stmt = comptoir_store_prepare (store,
                                 "SELECT status, fulfilment, delivery_address, subtotal_cents, "
                                 "delivery_fee_cents, total_cents FROM orders WHERE id = ?1", &error);
  sqlite3_bind_int64 (stmt, 1, comptoir_order_get_id (first));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "accepted");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "delivery");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "3 place de l’Église, 24200 Sarlat");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 1000);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 350);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, 1350);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = comptoir_store_prepare (store,
                                 "SELECT gross_cents, commission_cents, fees_cents, net_cents, status, "
                                 "bank_reference FROM payouts WHERE id = ?1", &error);
  sqlite3_bind_int64 (stmt, 1, comptoir_payout_get_id (payout));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* a corrected payout still adds up */
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0) - sqlite3_column_int64 (stmt, 1)
                   - sqlite3_column_int64 (stmt, 2), ==, sqlite3_column_int64 (stmt, 3));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 10980);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "paid");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "VIR-42");
}

typedef struct
{
  gint64         account_id;
  ComptoirOrder *order;
  gboolean       fail_after;
} LinesData;

static gboolean
lines_tx (ComptoirStore  *store,
          gpointer        user_data,
          GError        **error)
{
  LinesData *data = user_data;

  if (!comptoir_order_write (store, data->account_id, data->order, error))
    return FALSE;
  if (data->fail_after)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED, "stop");
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
lines_of (const char *first_name,
          gint64      first_refunded,
          gboolean    with_second)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_order_line_free);

  g_ptr_array_add (lines, comptoir_order_line_new ("ln_1", "prd_1", first_name, 2, 420, 840, first_refunded));
  if (with_second)
    g_ptr_array_add (lines, comptoir_order_line_new ("ln_2", NULL, "Croissant", 3, 110, 330, 0));
  return lines;
}

/* An order's lines follow the platform: written with the order, replaced
 * as a whole on the next pull (a refund, a line removed), left alone when
 * the order comes without them, and rolled back with the order. */
static void
test_order_lines_replaced (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("lines.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  gint64 account_id = add_account (store);
  g_autoptr(ComptoirOrder) order = comptoir_order_new ();
  g_autoptr(ComptoirOrder) loaded = comptoir_order_new ();
  g_autoptr(GPtrArray) two = lines_of ("Pain de campagne", 0, TRUE);
  g_autoptr(GPtrArray) refunded = lines_of ("Pain de campagne (grand)", 420, FALSE);
  g_autoptr(GPtrArray) rolled_back = lines_of ("Jamais écrit", 0, FALSE);
  LinesData data = { account_id, order, FALSE };
  ComptoirOrderLine *line;

  g_assert_no_error (error);
  g_object_set (order, "remote-id", "o-9", "number", "109", "status", "new", "fulfilment", "collect",
                "subtotal-cents", (gint64) 1170, "total-cents", (gint64) 1170,
                "placed-at", "2026-11-02T09:00:00Z", NULL);
  comptoir_order_set_lines (order, two);
  g_assert_true (comptoir_store_transaction (store, lines_tx, &data, &error));
  g_assert_no_error (error);
  g_assert_cmpint (comptoir_store_count (store, "order_lines"), ==, 2);

  comptoir_order_set_id (loaded, comptoir_order_get_id (order));
  g_assert_true (comptoir_order_load_lines (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (comptoir_order_get_lines (loaded)->len, ==, 2);
  line = comptoir_order_get_lines (loaded)->pdata[0];
  g_assert_cmpstr (line->remote_id, ==, "ln_1");
  g_assert_cmpstr (line->product_remote_id, ==, "prd_1");
  g_assert_cmpint (line->quantity, ==, 2);
  g_assert_cmpint (line->unit_price_cents, ==, 420);
  g_assert_cmpint (line->total_cents, ==, 840);
  line = comptoir_order_get_lines (loaded)->pdata[1];
  g_assert_cmpstr (line->name, ==, "Croissant");
  g_assert_null (line->product_remote_id);

  /* The next pull: one line left, partly refunded. */
  comptoir_order_set_lines (order, refunded);
  g_assert_true (comptoir_store_transaction (store, lines_tx, &data, &error));
  g_assert_cmpint (comptoir_store_count (store, "order_lines"), ==, 1);
  g_assert_true (comptoir_order_load_lines (store, loaded, &error));
  g_assert_cmpuint (comptoir_order_get_lines (loaded)->len, ==, 1);
  line = comptoir_order_get_lines (loaded)->pdata[0];
  g_assert_cmpstr (line->name, ==, "Pain de campagne (grand)");
  g_assert_cmpint (line->refunded_cents, ==, 420);

  /* Without lines: the stored ones stay. */
  comptoir_order_set_lines (order, NULL);
  g_assert_true (comptoir_store_transaction (store, lines_tx, &data, &error));
  g_assert_cmpint (comptoir_store_count (store, "order_lines"), ==, 1);

  /* A failed transaction leaves the lines as they were. */
  comptoir_order_set_lines (order, rolled_back);
  data.fail_after = TRUE;
  g_assert_false (comptoir_store_transaction (store, lines_tx, &data, &error));
  g_clear_error (&error);
  g_assert_true (comptoir_order_load_lines (store, loaded, &error));
  g_assert_no_error (error);
  line = comptoir_order_get_lines (loaded)->pdata[0];
  g_assert_cmpstr (line->name, ==, "Pain de campagne (grand)");
}

typedef struct
{
  ComptoirStore *store;
  GMutex         lock;
  GCond          cond;
  gboolean       written;
  gboolean       may_commit;
} WorkerData;

static gboolean
slow_worker_tx (ComptoirStore  *store,
                gpointer        user_data,
                GError        **error)
{
  WorkerData *data = user_data;
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();

  comptoir_product_set_name (product, "Importé par un fil de travail");
  if (!comptoir_product_write (store, product, error))
    return FALSE;

  /* Hold the transaction open while the main thread looks. */
  g_mutex_lock (&data->lock);
  data->written = TRUE;
  g_cond_signal (&data->cond);
  while (!data->may_commit)
    g_cond_wait (&data->cond, &data->lock);
  g_mutex_unlock (&data->lock);
  return TRUE;
}

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *data = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_store_transaction (data->store, slow_worker_tx, data, &error));
  g_assert_no_error (error);
  return NULL;
}

/* A worker thread (a photo or spreadsheet import) writes through its own
 * connection: until it commits, the lists the merchant sees do not show
 * its half-done work. */
static void
test_worker_isolation (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("worker.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  WorkerData data = { store };
  GThread *thread;

  g_assert_no_error (error);
  g_mutex_init (&data.lock);
  g_cond_init (&data.cond);
  thread = g_thread_new ("worker", worker_thread, &data);

  g_mutex_lock (&data.lock);
  while (!data.written)
    g_cond_wait (&data.cond, &data.lock);
  g_mutex_unlock (&data.lock);

  /* the worker's transaction is open and holds one new product */
  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 0);

  g_mutex_lock (&data.lock);
  data.may_commit = TRUE;
  g_cond_signal (&data.cond);
  g_mutex_unlock (&data.lock);
  g_thread_join (thread);

  g_assert_cmpint (comptoir_store_count (store, "products"), ==, 1);
  g_mutex_clear (&data.lock);
  g_cond_clear (&data.cond);
}

/* ::changed tells the rest of the app that something was committed —
 * once for a burst of commits, on the main context even when the commit
 * came from a worker thread, and never for a rolled-back transaction. */
static gboolean
rolled_back_tx (ComptoirStore  *store,
                gpointer        user_data,
                GError        **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED, "no");
  return FALSE;
}

static gboolean
write_bread_tx (ComptoirStore  *store,
                gpointer        user_data,
                GError        **error)
{
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();

  comptoir_product_set_name (product, user_data);
  return comptoir_product_write (store, product, error);
}

static gpointer
commit_from_worker (gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_store_transaction (user_data, write_bread_tx, (gpointer) "Pain de seigle", &error));
  g_assert_no_error (error);
  return NULL;
}

static void
count_changed (ComptoirStore *store,
               guint         *n)
{
  (*n)++;
}

static void
test_changed_signal (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("changed.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &n);

  /* three commits in a row: one signal, after they are done */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (comptoir_store_transaction (store, write_bread_tx, (gpointer) "Baguette", &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n, ==, 0);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (n, ==, 1);

  /* a rolled-back transaction changes nothing and says nothing */
  g_assert_false (comptoir_store_transaction (store, rolled_back_tx, NULL, NULL));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (n, ==, 1);

  /* a worker's commit is told on the main context */
  g_thread_join (g_thread_new ("worker", commit_from_worker, store));
  g_assert_cmpuint (n, ==, 1);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (n, ==, 2);
}

/* Each real migration keeps what the previous version stored: a database
 * of every earlier version, with a product, an account and an order in
 * it, opens at the latest version with all of it, the order's platform
 * status filled in (v3). */
static void
test_real_upgrades (void)
{
  guint n;
  const ComptoirMigration *all = comptoir_store_get_migrations (&n);

  for (guint upto = 1; upto < n; upto++)
    {
      g_autofree char *name = g_strdup_printf ("upgrade-from-v%d.db", all[upto - 1].version);
      g_autofree char *path = comptoir_test_tmp_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(ComptoirStore) store = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_remove (path);
      store = comptoir_store_open_with_migrations (path, all, upto, &error);
      g_assert_no_error (error);
      g_assert_true (comptoir_store_exec (store,
                                          "INSERT INTO products (id, uuid, name, price_cents, vat_rate, created_at, updated_at)"
                                          " VALUES (1, 'u-1', 'Pain de seigle', 390, 550, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                          "INSERT INTO accounts (id, kind, base_url, created_at)"
                                          " VALUES (1, 'marketplace', 'https://place.example/v1', '2026-01-01T00:00:00Z');"
                                          "INSERT INTO orders (id, account_id, remote_id, number, status, total_cents, placed_at, updated_at)"
                                          " VALUES (1, 1, 'o-1', '1001', 'accepted', 1200, '2026-01-02T09:00:00Z', '2026-01-02T09:00:00Z');",
                                          &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      store = comptoir_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (comptoir_store_get_schema_version (store), ==, comptoir_store_get_latest_version ());
      stmt = comptoir_store_prepare (store,
                                     "SELECT p.name, p.price_cents, o.status, o.remote_status, o.total_cents"
                                     " FROM products p, orders o WHERE p.id = 1 AND o.id = 1",
                                     &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Pain de seigle");
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 390);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "accepted");
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "accepted");
      g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 1200);
    }
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/store/open", test_open_creates_latest);
  g_test_add_func ("/store/upgrade-keeps-data", test_upgrade_keeps_data);
  g_test_add_func ("/store/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store/not-a-database", test_not_a_database);
  g_test_add_func ("/store/transaction", test_transaction_all_or_nothing);
  g_test_add_func ("/store/constraints", test_constraints);
  g_test_add_func ("/store/pull-updates-in-place", test_pull_updates_in_place);
  g_test_add_func ("/store/worker-isolation", test_worker_isolation);
  g_test_add_func ("/store/order-lines-replaced", test_order_lines_replaced);
  g_test_add_func ("/store/changed-signal", test_changed_signal);
  g_test_add_func ("/store/real-upgrades", test_real_upgrades);

  return g_test_run ();
}
