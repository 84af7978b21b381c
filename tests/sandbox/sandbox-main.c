// SPDX-License-Identifier: GPL-3.0-or-later
//
// comptoir-sandbox: options, start-up line, signals and the simulated customers.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <glib-unix.h>
#include <stdio.h>

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
simulate_cb (gpointer user_data)
{
  Sandbox *sb = user_data;
  g_autofree char *merchant = sandbox_db_get_setting (sb, "merchant_id");
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(JsonObject) order = NULL;

  if (g_rand_boolean (sb->rand))
    json_object_set_string_member (spec, "fulfilment", "delivery");
  order = sandbox_order_create (sb, merchant, spec, NULL);
  return G_SOURCE_CONTINUE;
}

static void
print_start_line (Sandbox *sb)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *mp = g_strconcat (sb->origin, SANDBOX_MARKETPLACE_PREFIX, NULL);
  g_autofree char *dir = g_strconcat (sb->origin, SANDBOX_DIRECTORY_PREFIX, NULL);
  g_autofree char *key = sandbox_db_get_setting (sb, "directory_api_key");
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = sandbox_db_prepare (sb, "SELECT email, password FROM merchants ORDER BY id LIMIT 1");

  sandbox_db_step (sb, stmt);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "marketplace");
  json_builder_add_string_value (b, mp);
  json_builder_set_member_name (b, "directory");
  json_builder_add_string_value (b, dir);
  json_builder_set_member_name (b, "marketplace_email");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
  json_builder_set_member_name (b, "marketplace_password");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
  json_builder_set_member_name (b, "directory_api_key");
  json_builder_add_string_value (b, key);
  json_builder_end_object (b);
  sqlite3_finalize (stmt);

  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  fprintf (stdout, "%s\n", text);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  Sandbox sb = { 0 };
  gint port = 0, latency = 0, simulate = 0, lifetime = 3600, seed_orders = 0;
  gdouble rate_limit = 50;
  g_autofree char *data_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GSList) uris = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_file, "SQLite file (default: in memory)", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &sb.demo, "Seed a demo bakery with orders and payouts", NULL },
    { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sb.fail_rate, "Fraction of requests answered 503", "F" },
    { "drop-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sb.drop_rate, "Fraction of connections cut mid-response", "F" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, "Delay before each answer", "N" },
    { "simulate-orders", 0, 0, G_OPTION_ARG_INT, &simulate, "A customer orders every N seconds", "N" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &lifetime, "Access token lifetime in seconds (3600)", "N" },
    { "seed-orders", 0, 0, G_OPTION_ARG_INT, &seed_orders, "Add N orders at start-up (benchmarks)", "N" },
    { "rate-limit", 0, 0, G_OPTION_ARG_DOUBLE, &rate_limit, "Requests per second per credential (50; 0: off)", "N" },
    { NULL }
  };

  context = g_option_context_new ("- loopback sandbox of the Comptoir platform APIs");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || latency < 0 || simulate < 0 || lifetime < 1 || seed_orders < 0
      || sb.fail_rate < 0 || sb.fail_rate > 1 || sb.drop_rate < 0 || sb.drop_rate > 1 || rate_limit < 0)
    {
      g_printerr ("An option is out of range\n");
      return 2;
    }
  sb.port = port;
  sb.data_file = data_file;
  sb.latency_ms = latency;
  sb.simulate_orders = simulate;
  sb.token_lifetime = lifetime;
  sb.rate_limit = rate_limit;
  sb.rand = g_rand_new ();
  sb.buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sb.applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sb.replayed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!sandbox_db_open (&sb, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  sb.server = soup_server_new ("server-header", "comptoir-sandbox ", NULL);
  soup_server_add_early_handler (sb.server, NULL, sandbox_early_handle, &sb, NULL);
  soup_server_add_handler (sb.server, NULL, sandbox_handle, &sb, NULL);
  if (!soup_server_listen_local (sb.server, sb.port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("Cannot listen on 127.0.0.1:%u: %s\n", sb.port, error->message);
      return 1;
    }
  uris = soup_server_get_uris (sb.server);
  sb.origin = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  sandbox_marketplace_seed (&sb, sb.demo);
  sandbox_directory_seed (&sb, sb.demo);
  sandbox_orders_seed (&sb, seed_orders);

  /* Handlers first: whoever read the start line may send SIGTERM at once. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  print_start_line (&sb);
  if (sb.simulate_orders > 0)
    g_timeout_add (sb.simulate_orders * 1000, simulate_cb, &sb);
  g_main_loop_run (loop);

  soup_server_disconnect (sb.server);
  g_clear_object (&sb.server);
  sqlite3_close (sb.db);
  g_hash_table_unref (sb.buckets);
  g_hash_table_unref (sb.applied);
  g_hash_table_unref (sb.replayed);
  g_rand_free (sb.rand);
  g_free (sb.origin);
  return 0;
}
