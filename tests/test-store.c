// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>

#include "comptoir-error.h"
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

  return g_test_run ();
}
