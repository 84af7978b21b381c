// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comptoir-platform.h"
#include "comptoir-store-private.h"
#include "comptoir-sync-pull.h"

/* bench/sync: the pull half of sync against comptoir-sandbox on loopback.
 *  - first pull of 50,000 orders (with their lines): orders per second,
 *    and the ratio to the baseline, a bare SQLite insert of the same rows
 *    (prepared statements, one transaction, same schema and pragmas),
 *    measured in the same run;
 *  - a pull with nothing to do (median of a few);
 *  - the longest main-loop stall during the first pull: gaps between the
 *    ticks of a 1 ms timer on the main loop.
 * Targets (DESIGN.md): nothing to do under 100 ms; no stall over 50 ms.
 *
 * Usage: bench-sync SANDBOX [N_ORDERS] [PAGE_SIZE] */

#define N_NOOP 5

static gint64 last_tick;
static gint64 max_stall;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > max_stall)
    max_stall = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  GAsyncResult *result;

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = *slot;
  *slot = NULL;
  return result;
}

typedef struct
{
  GSubprocess *process;
  char        *marketplace;
  char        *email;
  char        *password;
} Sandbox;

static void
sandbox_start (Sandbox    *sandbox,
               const char *path,
               guint       n_orders)
{
  g_autofree char *n = g_strdup_printf ("%u", n_orders);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  JsonObject *object;

  sandbox->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, path, "--port", "0",
                                       "--rate-limit", "0", "--seed-orders", n, NULL);
  if (sandbox->process == NULL)
    g_error ("Cannot start %s: %s", path, error->message);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  if (line == NULL || !json_parser_load_from_data (parser, line, -1, &error))
    g_error ("The sandbox did not start");
  object = json_node_get_object (json_parser_get_root (parser));
  sandbox->marketplace = g_strdup (json_object_get_string_member (object, "marketplace"));
  sandbox->email = g_strdup (json_object_get_string_member (object, "marketplace_email"));
  sandbox->password = g_strdup (json_object_get_string_member (object, "marketplace_password"));
}

static void
sandbox_stop (Sandbox *sandbox)
{
  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, NULL);
  g_clear_object (&sandbox->process);
  g_free (sandbox->marketplace);
  g_free (sandbox->email);
  g_free (sandbox->password);
}

static ComptoirPlatform *
connect_marketplace (ComptoirStore *store,
                     Sandbox       *sandbox)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(ComptoirPlatformInfo) info = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  comptoir_platform_discover_async (sandbox->marketplace, NULL, result_cb, &slot);
  r = await (&slot);
  if ((info = comptoir_platform_discover_finish (r, &error)) == NULL)
    g_error ("%s", error->message);
  g_clear_object (&r);
  comptoir_platform_connect_async (store, info, sandbox->email, sandbox->password, NULL, result_cb, &slot);
  r = await (&slot);
  if ((account = comptoir_platform_connect_finish (r, &error)) == NULL)
    g_error ("%s", error->message);
  return comptoir_platform_new_for_account (store, account);
}

/* Seconds taken by one pull; its count of changes in *n_changed. */
static double
timed_pull (ComptoirStore    *store,
            ComptoirPlatform *platform,
            guint            *n_changed)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  comptoir_sync_pull_async (store, platform, NULL, result_cb, &slot);
  r = await (&slot);
  if (!comptoir_sync_pull_finish (r, n_changed, &error))
    g_error ("The pull failed: %s", error->message);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* The rows the pull wrote, read into memory first so that the baseline
 * times the inserts alone. */
typedef struct
{
  int            n_columns;
  GPtrArray     *values;    /* sqlite3_value*, row after row */
} Table;

static Table
read_table (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = prepare (db, sql);
  Table table = { sqlite3_column_count (stmt), g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free) };

  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < table.n_columns; i++)
      g_ptr_array_add (table.values, sqlite3_value_dup (sqlite3_column_value (stmt, i)));
  sqlite3_finalize (stmt);
  return table;
}

static void
insert_table (sqlite3    *db,
              const char *sql,
              Table      *table)
{
  sqlite3_stmt *stmt = prepare (db, sql);

  for (guint row = 0; row < table->values->len / table->n_columns; row++)
    {
      sqlite3_reset (stmt);
      for (int i = 0; i < table->n_columns; i++)
        sqlite3_bind_value (stmt, i + 1, table->values->pdata[row * table->n_columns + i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s: %s", sql, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
}

#define ORDER_COLUMNS "id, account_id, remote_id, number, status, customer_name, customer_phone, " \
  "customer_email, fulfilment, slot_start, slot_end, delivery_address, customer_note, subtotal_cents, " \
  "delivery_fee_cents, total_cents, remote_version, placed_at, updated_at"
#define LINE_COLUMNS "id, order_id, remote_id, product_remote_id, name, quantity, unit_price_cents, " \
  "total_cents, refunded_cents"

/* Seconds for a bare SQLite insert of the orders and lines of @source
 * into a fresh store of the same schema. */
static double
baseline_insert (ComptoirStore *source,
                 const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) target = comptoir_store_open (path, &error);
  sqlite3 *db;
  Table orders, lines;
  gint64 start;
  double seconds;

  if (target == NULL)
    g_error ("%s", error->message);
  db = comptoir_store_get_db (target);
  sqlite3_exec (db, "INSERT INTO accounts (id, kind, base_url, created_at) "
                    "VALUES (1, 'marketplace', 'http://127.0.0.1', '2026-01-01T00:00:00Z')", NULL, NULL, NULL);
  orders = read_table (comptoir_store_get_db (source),
                       "SELECT " ORDER_COLUMNS " FROM orders ORDER BY id");
  lines = read_table (comptoir_store_get_db (source),
                      "SELECT " LINE_COLUMNS " FROM order_lines ORDER BY id");

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  insert_table (db, "INSERT INTO orders (" ORDER_COLUMNS ") VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &orders);
  insert_table (db, "INSERT INTO order_lines (" LINE_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &lines);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("COMMIT: %s", sqlite3_errmsg (db));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_ptr_array_unref (orders.values);
  g_ptr_array_unref (lines.values);
  return seconds;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *keyring = NULL;
  g_autofree char *data = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *baseline_path = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(GError) error = NULL;
  Sandbox sandbox = { NULL };
  guint n_orders = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 50000;
  guint page_size = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 100;
  double seeding, first, baseline, noop[N_NOOP];
  guint n_changed = 0, tick;
  gint64 start;

  if (argc < 2)
    {
      g_printerr ("Usage: %s SANDBOX [N_ORDERS] [PAGE_SIZE]\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");

  /* Private folders and keyring (libsecret's file backend), no proxy. */
  tmpdir = g_dir_make_tmp ("comptoir-bench-sync-XXXXXX", NULL);
  keyring = g_build_filename (tmpdir, "keyring", NULL);
  data = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "bench", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  store_path = g_build_filename (tmpdir, "pull.db", NULL);
  baseline_path = g_build_filename (tmpdir, "baseline.db", NULL);

  start = g_get_monotonic_time ();
  sandbox_start (&sandbox, argv[1], n_orders);
  seeding = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  printf ("sandbox seeded with %u orders in %.1f s (not measured below)\n", n_orders, seeding);

  store = comptoir_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  platform = connect_marketplace (store, &sandbox);
  comptoir_platform_set_page_size (platform, page_size);

  /* First pull, with the main loop watched. */
  tick = g_timeout_add (1, tick_cb, NULL);
  last_tick = 0;
  max_stall = 0;
  first = timed_pull (store, platform, &n_changed);
  g_source_remove (tick);
  if (comptoir_store_count (store, "orders") != n_orders || n_changed < n_orders)
    g_error ("The pull stored %" G_GINT64_FORMAT " orders of %u", comptoir_store_count (store, "orders"), n_orders);

  /* Nothing to do. */
  for (guint i = 0; i < N_NOOP; i++)
    {
      guint none = 0;

      noop[i] = timed_pull (store, platform, &none);
      if (none != 0)
        g_error ("A pull with nothing to do changed %u rows", none);
    }
  qsort (noop, N_NOOP, sizeof (double), compare_doubles);

  baseline = baseline_insert (store, baseline_path);

  printf ("first pull: %u orders (%" G_GINT64_FORMAT " lines), pages of %u: %.2f s, %.0f orders/s\n",
          n_orders, comptoir_store_count (store, "order_lines"), page_size, first, n_orders / first);
  printf ("baseline (bare SQLite insert of the same rows, one transaction): %.3f s, %.0f orders/s\n",
          baseline, n_orders / baseline);
  printf ("ratio pull / bare insert: %.1f×\n", first / baseline);
  printf ("sync with nothing to do: median %.1f ms (min %.1f, max %.1f; target < 100 ms)\n",
          noop[N_NOOP / 2] * 1000, noop[0] * 1000, noop[N_NOOP - 1] * 1000);
  printf ("longest main-loop stall during the first pull: %.1f ms (target < 50 ms)\n", max_stall / 1000.0);

  g_clear_object (&platform);
  g_clear_object (&store);
  sandbox_stop (&sandbox);
  remove_tree (tmpdir);
  return 0;
}
