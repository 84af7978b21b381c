// SPDX-License-Identifier: GPL-3.0-or-later
/* bench/startup: time from exec to the first painted frame of Comptoir with
 * 10,000 products and 50,000 orders in its store, against a bare
 * AdwApplicationWindow program measured in the same run. Prints the medians
 * and their ratio (target: at most 1.5).
 *
 * Needs a display: build-aux/bench runs it under Xvfb. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "comptoir-account.h"
#include "comptoir-order-store.h"
#include "comptoir-product-store.h"
#include "comptoir-store.h"

#define N_PRODUCTS 10000
#define N_ORDERS   50000
#define RUNS       9

static gboolean
fill_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  static const char *words[] = { "Pain", "Brioche", "Tarte", "Fromage", "Miel", "Confiture", "Savon", "Bougie" };

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      g_autoptr(ComptoirProduct) product = comptoir_product_new ();
      g_autofree char *name = g_strdup_printf ("%s n°%05u", words[i % G_N_ELEMENTS (words)], i);

      comptoir_product_set_name (product, name);
      comptoir_product_set_price_cents (product, 100 + i % 5000);
      comptoir_product_set_stock_tracked (product, i % 3 != 0);
      comptoir_product_set_stock (product, i % 40);
      if (!comptoir_product_write (store, product, error))
        return FALSE;
    }

  for (guint i = 0; i < N_ORDERS; i++)
    {
      g_autoptr(ComptoirOrder) order = comptoir_order_new ();
      g_autofree char *remote = g_strdup_printf ("bench-%u", i);
      g_autofree char *number = g_strdup_printf ("%u", 10000 + i);
      g_autofree char *placed = g_strdup_printf ("2026-%02u-%02uT%02u:%02u:00Z",
                                                 i % 12 + 1, i % 28 + 1, i % 24, i % 60);

      g_object_set (order, "remote-id", remote, "number", number, "status", "completed",
                    "customer-name", "Dominique Durand", "total-cents", (gint64) (500 + i % 9000),
                    "placed-at", placed, NULL);
      if (!comptoir_order_write (store, *(gint64 *) user_data, order, error))
        return FALSE;
    }
  return TRUE;
}

static double
time_to_first_frame (const char * const *argv,
                     const char         *data_home)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "COMPTOIR_BENCH_FIRST_FRAME", "1", TRUE);

  start = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL)
    g_error ("Cannot start %s: %s", argv[0], error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
    {
      if (g_str_equal (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  if (line == NULL)
    g_error ("%s exited without painting a frame", argv[0]);

  {
    double elapsed = (g_get_monotonic_time () - start) / 1000.0;
    g_subprocess_wait (child, NULL, NULL);
    return elapsed;
  }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  const char *app_argv[] = { argc > 1 ? argv[1] : "comptoir", NULL };
  const char *bare_argv[] = { argc > 2 ? argv[2] : "bare-window", NULL };
  double app_ms[RUNS], bare_ms[RUNS], empty_ms[RUNS];
  double app_median, bare_median, empty_median;
  g_autofree char *empty = NULL;
  gint64 fill_start;
  gint64 account_id;
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();

  tmp = g_dir_make_tmp ("comptoir-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp, "comptoir", "comptoir.db", NULL);

  fill_start = g_get_monotonic_time ();
  store = comptoir_store_open (db, &error);
  g_assert_no_error (error);
  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place.example/v1");
  if (!comptoir_account_save (store, account, NULL, &error))
    g_error ("%s", error->message);
  account_id = comptoir_account_get_id (account);
  if (!comptoir_store_transaction (store, fill_tx, &account_id, &error))
    g_error ("%s", error->message);
  g_clear_object (&store);
  printf ("store: %d products, %d orders, filled in %.0f ms\n",
          N_PRODUCTS, N_ORDERS, (g_get_monotonic_time () - fill_start) / 1000.0);

  /* The same app on an empty store tells what the data costs at start-up
   * (it should cost nothing: lists page from SQLite when first shown). */
  empty = g_dir_make_tmp ("comptoir-bench-empty-XXXXXX", &error);
  g_assert_no_error (error);

  /* One untimed run each to warm the page cache, then alternate. */
  time_to_first_frame (app_argv, tmp);
  time_to_first_frame (app_argv, empty);
  time_to_first_frame (bare_argv, tmp);
  for (guint i = 0; i < RUNS; i++)
    {
      bare_ms[i] = time_to_first_frame (bare_argv, tmp);
      app_ms[i] = time_to_first_frame (app_argv, tmp);
      empty_ms[i] = time_to_first_frame (app_argv, empty);
    }

  app_median = median (app_ms, RUNS);
  bare_median = median (bare_ms, RUNS);
  empty_median = median (empty_ms, RUNS);
  printf ("first frame, median of %d runs:\n", RUNS);
  printf ("  bare AdwApplicationWindow   %7.1f ms\n", bare_median);
  printf ("  Comptoir (empty store)      %7.1f ms\n", empty_median);
  printf ("  Comptoir (full store)       %7.1f ms\n", app_median);
  printf ("  full store / bare window    %7.2f (target <= 1.50)\n", app_median / bare_median);
  printf ("  full store / empty store    %7.2f (what 10,000 products and 50,000 orders cost)\n",
          app_median / empty_median);

  g_unlink (db);
  g_rmdir (empty);
  return 0;
}
