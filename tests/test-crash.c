// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <signal.h>
#include <stdio.h>

#include "comptoir-product-store.h"
#include "comptoir-store-private.h"
#include "comptoir-test-utils.h"

/* A writer process commits batches of products as fast as it can and
 * reports each committed batch on stdout; the test kills it with SIGKILL
 * at a random instant, then checks that the database opens, passes its
 * integrity check, and holds every reported batch whole and no partial one. */

#define BATCH 50
#define ROUNDS 12

typedef struct
{
  guint batch;
} WriterTx;

static gboolean
write_batch_tx (ComptoirStore  *store,
                gpointer        user_data,
                GError        **error)
{
  WriterTx *tx = user_data;

  for (guint i = 0; i < BATCH; i++)
    {
      g_autoptr(ComptoirProduct) product = comptoir_product_new ();
      g_autofree char *name = g_strdup_printf ("batch %u item %u", tx->batch, i);

      comptoir_product_set_name (product, name);
      comptoir_product_set_category (product, "crash-test");
      comptoir_product_set_sku (product, name);
      comptoir_product_set_price_cents (product, tx->batch);
      if (!comptoir_product_write (store, product, error))
        return FALSE;
    }
  return TRUE;
}

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  WriterTx tx = { 0 };

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* continue numbering where the previous writer was killed */
  tx.batch = (guint) (comptoir_store_count (store, "products") / BATCH) + 1000;
  for (;;)
    {
      tx.batch++;
      if (!comptoir_store_transaction (store, write_batch_tx, &tx, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("%u\n", tx.batch);
      fflush (stdout);
    }
}

static void
check_database (const char *path,
                GHashTable *committed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (path, &error);
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(sqlite3_stmt) per_batch = NULL;
  GHashTableIter iter;
  gpointer key;

  g_assert_no_error (error);
  check = comptoir_store_prepare (store, "PRAGMA integrity_check", &error);
  g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");

  /* No partial batch: every batch present has all its items. */
  per_batch = comptoir_store_prepare (store,
                                      "SELECT price_cents, count(*) FROM products GROUP BY price_cents",
                                      &error);
  while (sqlite3_step (per_batch) == SQLITE_ROW)
    g_assert_cmpint (sqlite3_column_int (per_batch, 1), ==, BATCH);

  /* Every batch reported as committed is there. */
  g_hash_table_iter_init (&iter, committed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store,
        "SELECT count(*) FROM products WHERE price_cents = ?1", &error);
      sqlite3_bind_int (stmt, 1, GPOINTER_TO_INT (key));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, BATCH);
    }
}

static void
test_sigkill_mid_batch (void)
{
  g_autofree char *path = comptoir_test_tmp_path ("crash.db");
  g_autoptr(GHashTable) committed = g_hash_table_new (NULL, NULL);
  const char *self_exe = g_test_get_filename (G_TEST_BUILT, "test-crash", NULL);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) writer = NULL;
      GDataInputStream *out;
      guint reported = 0;
      guint kill_after = g_test_rand_int_range (1, 40);

      writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 self_exe, "--writer", path, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));

      /* Let it commit some batches, then kill it while it writes more. */
      while (reported < kill_after)
        {
          g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (line);
          g_hash_table_add (committed, GINT_TO_POINTER (atoi (line)));
          reported++;
        }
      g_usleep (g_test_rand_int_range (0, 3000));
      g_subprocess_send_signal (writer, SIGKILL);

      /* Batches reported before the kill landed also count. */
      for (;;)
        {
          g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
          if (line == NULL)
            break;
          g_hash_table_add (committed, GINT_TO_POINTER (atoi (line)));
        }
      g_subprocess_wait (writer, NULL, NULL);
      g_assert_true (g_subprocess_get_if_signaled (writer));
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);
      g_object_unref (out);

      check_database (path, committed);
    }

  g_test_message ("%u batches committed across %d kills", g_hash_table_size (committed), ROUNDS);
  g_assert_cmpuint (g_hash_table_size (committed), >=, ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/store/sigkill-mid-batch", test_sigkill_mid_batch);

  return g_test_run ();
}
