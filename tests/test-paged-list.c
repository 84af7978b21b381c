// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "comptoir-paged-list-private.h"
#include "comptoir-product-store.h"
#include "comptoir-store-private.h"
#include "comptoir-test-utils.h"

#define N_ROWS 100000

static gsize
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? (gsize) g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static gboolean
fill_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO products (uuid, name, price_cents, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < N_ROWS; i++)
    {
      char uuid[32], name[32];

      g_snprintf (uuid, sizeof uuid, "u%06u", i);
      g_snprintf (name, sizeof name, "Produit %06u", (i * 7919) % N_ROWS);
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, i);
      if (!comptoir_store_step_done (store, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *out)
{
  out[0] = position;
  out[1] = removed;
  out[2] = added;
}

static void
test_hundred_thousand (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("paged.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(ComptoirProduct) extra = comptoir_product_new ();
  gsize rss_before, rss_after;
  guint max_cached = 0;
  guint changed[3] = { 0, 0, 0 };

  g_assert_no_error (error);
  g_assert_true (comptoir_store_transaction (store, fill_tx, NULL, &error));
  g_assert_no_error (error);

  list = comptoir_product_list_new (store);
  g_assert_true (g_list_model_get_item_type (list) == COMPTOIR_TYPE_PRODUCT);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_ROWS);

  /* Warm up a couple of pages so the allocator has its working set. */
  for (guint i = 0; i < 2048; i++)
    g_object_unref (g_list_model_get_item (list, i));

  rss_before = rss_kib ();
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(ComptoirProduct) product = g_list_model_get_item (list, i);
      char expected[32];

      g_assert_nonnull (product);
      g_snprintf (expected, sizeof expected, "Produit %06u", i);
      /* every row, once, in name order */
      g_assert_cmpstr (comptoir_product_get_name (product), ==, expected);
      max_cached = MAX (max_cached, comptoir_paged_list_get_n_cached (COMPTOIR_PAGED_LIST (list)));
    }
  rss_after = rss_kib ();

  g_test_message ("RSS before %zu KiB, after walking %d rows %zu KiB, at most %u items held",
                  rss_before, N_ROWS, rss_after, max_cached);
  /* A few pages, never the whole list. */
  g_assert_cmpuint (max_cached, <=, 2048);
  /* Flat memory: walking 100,000 rows costs far less than holding them.
   * (AddressSanitizer keeps freed memory in quarantine: RSS means nothing
   * there, the bound on held items above still holds.) */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpuint (rss_after, <, rss_before + 8 * 1024);
#endif

  /* Out of range is NULL, as GListModel wants. */
  g_assert_null (g_list_model_get_item (list, N_ROWS));

  /* A change in the store shows after a reload, announced to views. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changed);
  comptoir_product_set_name (extra, "Aaa premier");
  g_assert_true (comptoir_product_save (store, extra, &error));
  comptoir_paged_list_reload (COMPTOIR_PAGED_LIST (list));
  g_assert_cmpuint (changed[1], ==, N_ROWS);
  g_assert_cmpuint (changed[2], ==, N_ROWS + 1);
  {
    g_autoptr(ComptoirProduct) first = g_list_model_get_item (list, 0);
    g_assert_cmpstr (comptoir_product_get_name (first), ==, "Aaa premier");
  }
}

static GObject *
number_row (sqlite3_stmt *stmt)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (item, "n", GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
  return item;
}

static int
item_number (GListModel *list,
             guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (list, position);

  g_assert_nonnull (item);
  return GPOINTER_TO_INT (g_object_get_data (item, "n"));
}

/* The database fails in the middle of a page (here a runtime error from
 * row 50 on, as a busy or locked database would): the rows read before
 * the failure must not stay cached as a short page, or rows that exist
 * would read as NULL until the next reload. */
static void
test_failed_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  g_autoptr(ComptoirPagedList) paged = NULL;
  GListModel *list;
  g_autoptr(GObject) missing = NULL;

  g_assert_no_error (error);
  g_assert_true (comptoir_store_exec (store,
                                      "CREATE TABLE numbers (n INTEGER);"
                                      /* rows stream in order: the failure comes mid-page */
                                      "CREATE INDEX numbers_n ON numbers (n);"
                                      "CREATE TABLE fault (on_ INTEGER);"
                                      "INSERT INTO fault VALUES (0);"
                                      "WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 299)"
                                      " INSERT INTO numbers SELECT n FROM c;",
                                      &error));
  g_assert_no_error (error);

  paged = comptoir_paged_list_new (store, G_TYPE_OBJECT,
                                   "n, CASE WHEN n >= 50 AND (SELECT on_ FROM fault)"
                                   " THEN json('not json') END",
                                   "FROM numbers", "n", NULL, number_row);
  list = G_LIST_MODEL (paged);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 300);

  g_assert_true (comptoir_store_exec (store, "UPDATE fault SET on_ = 1", &error));
  g_assert_no_error (error);
  missing = g_list_model_get_item (list, 10);
  g_assert_null (missing);
  g_assert_cmpuint (comptoir_paged_list_get_n_cached (paged), ==, 0);

  /* The database is back: every row reads again, without a reload. */
  g_assert_true (comptoir_store_exec (store, "UPDATE fault SET on_ = 0", &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_number (list, 60), ==, 60);
  g_assert_cmpint (item_number (list, 10), ==, 10);
  g_assert_cmpint (item_number (list, 200), ==, 200);
  g_assert_cmpint (item_number (list, 299), ==, 299);
  g_assert_cmpuint (comptoir_paged_list_get_n_cached (paged), ==, 300);
  g_assert_null (g_list_model_get_item (list, 300));
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/paged-list/100000-rows", test_hundred_thousand);
  g_test_add_func ("/paged-list/failed-page", test_failed_page);

  return g_test_run ();
}
