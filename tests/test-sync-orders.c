// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"


#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "comptoir-account.h"
#include "comptoir-error.h"
#include "comptoir-order-actions.h"
#include "comptoir-order-batch.h"
#include "comptoir-order-store.h"
#include "comptoir-outbox.h"
#include "comptoir-platform.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-store-private.h"
#include "comptoir-sync-pull.h"
#include "comptoir-sync-push.h"
#include "comptoir-test-utils.h"

/* The merchant's actions on orders against comptoir-sandbox over real
 * HTTP: applied at once in Comptoir, sent later, once, in order; a pull
 * does not undo them; a refusal shows on the order without holding back
 * the others. */

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

static ComptoirPlatform *
connect_marketplace (ComptoirStore       *store,
                     ComptoirTestSandbox *sandbox)
{
  g_autoptr(ComptoirAccount) account = comptoir_test_connect_account (store, sandbox->marketplace,
                                                                      sandbox->email, sandbox->password);

  return comptoir_platform_new_for_account (store, account);
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

static gboolean
pull (ComptoirStore     *store,
      ComptoirPlatform  *platform,
      GError           **error)
{
  g_autoptr(GAsyncResult) r = NULL;

  comptoir_sync_pull_async (store, platform, NULL, CB);
  r = AWAIT ();
  return comptoir_sync_pull_finish (r, NULL, error);
}

/* A customer orders on the marketplace: its platform id. */
static char *
customer_orders (ComptoirTestSandbox *sandbox)
{
  guint status = 0;
  g_autoptr(JsonNode) order = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/orders",
                                                             "{\"fulfilment\": \"click_and_collect\"}", &status);

  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (order), "id"));
}

static gint64
local_id (ComptoirStore *store,
          const char    *remote_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, "SELECT id FROM orders WHERE remote_id = ?1", &error);

  g_assert_no_error (error);
  comptoir_sql_bind_text (stmt, 1, remote_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
local_status (ComptoirStore *store,
              gint64         order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirOrder) order = comptoir_order_load (store, order_id, &error);

  g_assert_no_error (error);
  return g_strdup (comptoir_order_get_status (order));
}

static ComptoirOrderSyncState
sync_state (ComptoirStore  *store,
            gint64          order_id,
            char          **message)
{
  g_autoptr(GError) error = NULL;
  ComptoirOrderSyncState state;

  g_assert_true (comptoir_order_get_sync_state (store, order_id, &state, message, &error));
  g_assert_no_error (error);
  return state;
}

static void
act (ComptoirStore *store,
     gint64         order_id,
     const char    *action,
     const char    *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_order_act (store, order_id, action, reason, &error));
  g_assert_no_error (error);
}

/* The order as the platform has it now, found through the connector. */
static ComptoirOrder *
remote_order (ComptoirPlatform *platform,
              const char       *remote_id,
              gint64           *version)
{
  g_autofree char *cursor = NULL;

  do
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(ComptoirPage) page = NULL;
      g_autoptr(GError) error = NULL;

      comptoir_platform_list_orders_async (platform, cursor, NULL, NULL, CB);
      r = AWAIT ();
      page = comptoir_platform_finish_page (platform, r, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->items->len; i++)
        if (g_str_equal (comptoir_order_get_remote_id (page->items->pdata[i]), remote_id))
          {
            if (version != NULL)
              *version = ((ComptoirRemoteObject *) page->remote->pdata[i])->version;
            return g_object_ref (page->items->pdata[i]);
          }
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  while (cursor != NULL);
  g_assert_not_reached ();
}

static char *
remote_status (ComptoirPlatform *platform,
               const char       *remote_id)
{
  g_autoptr(ComptoirOrder) order = remote_order (platform, remote_id, NULL);

  return g_strdup (comptoir_order_get_status (order));
}

/* How often the sandbox applied each of the order's outbox keys. */
static GPtrArray *
order_keys (ComptoirStore *store,
            gint64         order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store,
                                                         "SELECT idempotency_key FROM outbox"
                                                         " WHERE object_type = 'order' AND object_id = ?1 ORDER BY id",
                                                         &error);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, order_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup (comptoir_sql_column_text (stmt, 0)));
  return keys;
}

static gint64
applied (ComptoirTestSandbox *sandbox,
         const char          *key)
{
  g_autoptr(JsonNode) counters = comptoir_test_sandbox_control (sandbox, "GET", "/_sandbox/counters", NULL, NULL);
  JsonObject *keys = json_object_get_object_member (json_node_get_object (counters), "idempotency");

  if (!json_object_has_member (keys, key))
    return 0;
  return json_object_get_int_member (json_object_get_object_member (keys, key), "applied");
}

typedef struct
{
  gint64         account_id;
  ComptoirOrder *order;
  gint64         version;
} PageData;

static gboolean
write_page_tx (ComptoirStore  *store,
               gpointer        user_data,
               GError        **error)
{
  PageData *data = user_data;
  g_autoptr(GPtrArray) orders = g_ptr_array_new ();

  g_ptr_array_add (orders, data->order);
  return comptoir_order_write_page (store, data->account_id, orders, &data->version, NULL, error);
}

static void
test_offline_accept (void)
{
  g_autofree char *data = comptoir_test_tmp_path ("orders-offline-sandbox.db");
  ComptoirTestSandbox *sandbox = NULL;
  g_autoptr(ComptoirStore) store = open_store ("orders-offline.db");
  g_autoptr(ComptoirPlatform) platform = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(ComptoirOrder) on_platform = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *port = NULL;
  g_autofree char *status = NULL;
  g_autofree char *there = NULL;
  ComptoirOutboxSummary summary;
  PageData page;
  gint64 order_id, version = 0;
  guint n_sent = 99;

  g_remove (data);
  sandbox = comptoir_test_sandbox_start ("--demo", "--data", data, NULL);
  port = g_strdup (strrchr (sandbox->origin, ':') + 1);
  platform = connect_marketplace (store, sandbox);
  remote_id = customer_orders (sandbox);
  g_assert_true (pull (store, platform, &error));
  g_assert_no_error (error);
  order_id = local_id (store, remote_id);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "new");
  g_assert_cmpint (sync_state (store, order_id, NULL), ==, COMPTOIR_ORDER_SYNC_NONE);

  /* The connection drops; the merchant accepts the order all the same,
   * and sees it accepted at once. */
  comptoir_test_sandbox_stop (sandbox);
  act (store, order_id, "accept", NULL);
  g_clear_pointer (&status, g_free);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "accepted");
  g_assert_cmpint (sync_state (store, order_id, NULL), ==, COMPTOIR_ORDER_SYNC_PENDING);
  g_assert_true (comptoir_outbox_get_summary (store, comptoir_platform_get_account_id (platform), &summary, &error));
  g_assert_cmpuint (summary.pending, ==, 1);

  g_assert_false (push (store, platform, &n_sent, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (n_sent, ==, 0);

  /* A page that still has the order as new (fetched before the action
   * reached the platform) does not undo it. */
  on_platform = comptoir_order_load (store, order_id, &error);
  g_assert_no_error (error);
  comptoir_order_set_status (on_platform, "new");
  page.account_id = comptoir_platform_get_account_id (platform);
  page.order = on_platform;
  page.version = comptoir_order_get_remote_version (on_platform);
  g_assert_true (comptoir_store_transaction (store, write_page_tx, &page, &error));
  g_assert_no_error (error);
  g_clear_pointer (&status, g_free);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "accepted");

  /* Back online: a pull first (as the engine would after a failed push),
   * then the push sends the acceptance once. */
  sandbox = comptoir_test_sandbox_start ("--data", data, "--port", port, NULL);
  g_assert_true (pull (store, platform, &error));
  g_assert_no_error (error);
  g_clear_pointer (&status, g_free);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "accepted");

  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpint (sync_state (store, order_id, NULL), ==, COMPTOIR_ORDER_SYNC_SENT);
  keys = order_keys (store, order_id);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpint (applied (sandbox, keys->pdata[0]), ==, 1);
  there = remote_status (platform, remote_id);
  g_assert_cmpstr (there, ==, "accepted");
  g_clear_object (&on_platform);
  on_platform = remote_order (platform, remote_id, &version);

  /* Pushing again sends nothing. */
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpint (applied (sandbox, keys->pdata[0]), ==, 1);

  /* Offline again: ready, then handed over. Two transitions, in order,
   * each based on the version the one before brings back. */
  comptoir_test_sandbox_stop (sandbox);
  act (store, order_id, "ready", NULL);
  act (store, order_id, "complete", NULL);
  g_clear_pointer (&status, g_free);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "completed");
  g_clear_pointer (&keys, g_ptr_array_unref);
  keys = order_keys (store, order_id);
  g_assert_cmpuint (keys->len, ==, 3);

  sandbox = comptoir_test_sandbox_start ("--data", data, "--port", port, NULL);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 2);
  /* (the sandbox counts from its start: the acceptance was counted above) */
  for (guint i = 1; i < keys->len; i++)
    g_assert_cmpint (applied (sandbox, keys->pdata[i]), ==, 1);
  g_clear_pointer (&there, g_free);
  there = remote_status (platform, remote_id);
  g_assert_cmpstr (there, ==, "completed");
  g_assert_cmpint (sync_state (store, order_id, NULL), ==, COMPTOIR_ORDER_SYNC_SENT);
  g_assert_true (comptoir_outbox_get_summary (store, comptoir_platform_get_account_id (platform), &summary, &error));
  g_assert_cmpuint (summary.pending, ==, 0);
  g_assert_cmpuint (summary.failed + summary.conflicts, ==, 0);
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_refused (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--demo", NULL);
  g_autoptr(ComptoirStore) store = open_store ("orders-refused.db");
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (store, sandbox);
  g_autoptr(GError) error = NULL;
  g_autofree char *cancelled = customer_orders (sandbox);
  g_autofree char *other = customer_orders (sandbox);
  g_autofree char *path = NULL;
  g_autofree char *status = NULL;
  g_autofree char *message = NULL;
  g_autofree char *there = NULL;
  g_autoptr(JsonNode) answer = NULL;
  ComptoirOutboxSummary summary;
  gint64 cancelled_id, other_id;
  guint code = 0, n_sent = 0;

  g_assert_true (pull (store, platform, &error));
  g_assert_no_error (error);
  cancelled_id = local_id (store, cancelled);
  other_id = local_id (store, other);

  /* What the store refuses at once, in French. */
  g_assert_false (comptoir_order_act (store, other_id, "ready", NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "acceptée"));
  g_clear_error (&error);
  g_assert_false (comptoir_order_act (store, other_id, "reject", "   ", &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "client"));
  g_clear_error (&error);

  /* The merchant accepts both; meanwhile the customer cancels one. */
  act (store, cancelled_id, "accept", NULL);
  act (store, other_id, "accept", NULL);
  path = g_strdup_printf ("/_sandbox/orders/%s/cancel", cancelled);
  answer = comptoir_test_sandbox_control (sandbox, "POST", path, "{\"reason\": \"Je ne peux plus venir\"}", &code);
  g_assert_cmpuint (code, ==, 200);

  /* A pull brings the cancellation: it shows at once, though the
   * acceptance still waits (the merchant must not prepare it). */
  g_assert_true (pull (store, platform, &error));
  g_assert_no_error (error);
  status = local_status (store, cancelled_id);
  g_assert_cmpstr (status, ==, "cancelled");

  /* The platform refuses the acceptance; the other order goes through. */
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpint (sync_state (store, cancelled_id, &message), ==, COMPTOIR_ORDER_SYNC_CONFLICT);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "place de marché"));
  g_clear_pointer (&status, g_free);
  status = local_status (store, cancelled_id);
  g_assert_cmpstr (status, ==, "cancelled");
  g_assert_cmpint (sync_state (store, other_id, NULL), ==, COMPTOIR_ORDER_SYNC_SENT);
  there = remote_status (platform, other);
  g_assert_cmpstr (there, ==, "accepted");
  g_clear_pointer (&there, g_free);
  there = remote_status (platform, cancelled);
  g_assert_cmpstr (there, ==, "cancelled");
  g_assert_true (comptoir_outbox_get_summary (store, comptoir_platform_get_account_id (platform), &summary, &error));
  /* (it shows on the order, not among the products to look at) */
  g_assert_cmpuint (summary.pending, ==, 0);
  g_assert_cmpuint (summary.conflicts + summary.failed, ==, 0);

  /* The cancelled order offers no action any more. */
  g_assert_false (comptoir_order_act (store, cancelled_id, "accept", NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The other order goes on. */
  act (store, other_id, "ready", NULL);
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_clear_pointer (&there, g_free);
  there = remote_status (platform, other);
  g_assert_cmpstr (there, ==, "ready");
  comptoir_test_sandbox_stop (sandbox);
}

static void
test_reject (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start ("--demo", NULL);
  g_autoptr(ComptoirStore) store = open_store ("orders-reject.db");
  g_autoptr(ComptoirPlatform) platform = connect_marketplace (store, sandbox);
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = customer_orders (sandbox);
  g_autofree char *there = NULL;
  guint n_sent = 0;
  gint64 order_id;

  g_assert_true (pull (store, platform, &error));
  g_assert_no_error (error);
  order_id = local_id (store, remote_id);
  act (store, order_id, "reject", "Plus de pain de campagne aujourd’hui, désolé !");
  g_assert_true (push (store, platform, &n_sent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  there = remote_status (platform, remote_id);
  g_assert_cmpstr (there, ==, "rejected");
  comptoir_test_sandbox_stop (sandbox);
}

/* Without a sandbox: what the store does with pages while an action
 * waits, and with an answer replayed after a pull brought a later version. */
static void
test_pages_while_waiting (void)
{
  g_autoptr(ComptoirStore) store = open_store ("orders-pages.db");
  g_autoptr(ComptoirAccount) account = comptoir_account_new ();
  g_autoptr(ComptoirOrder) order = comptoir_order_new ();
  g_autoptr(ComptoirOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  PageData page = { 0 };
  gint64 order_id;

  comptoir_account_set_kind (account, "marketplace");
  comptoir_account_set_base_url (account, "https://place.example/v1");
  comptoir_account_set_signed_in (account, TRUE);
  g_assert_true (comptoir_account_save (store, account, NULL, &error));
  g_object_set (order, "remote-id", "o-1", "number", "1001", "status", "new", "customer-name", "Camille",
                "total-cents", (gint64) 1200, "placed-at", "2026-11-28T09:00:00Z", NULL);
  page.account_id = comptoir_account_get_id (account);
  page.order = order;
  page.version = 1;
  g_assert_true (comptoir_store_transaction (store, write_page_tx, &page, &error));
  g_assert_no_error (error);
  order_id = local_id (store, "o-1");
  act (store, order_id, "accept", NULL);

  /* the order changed on the platform meanwhile (still new there): the
   * merchant's acceptance keeps showing while it waits */
  page.version = 2;
  g_assert_true (comptoir_store_transaction (store, write_page_tx, &page, &error));
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "accepted");

  /* the acceptance went through (version 3), its answer was lost; a pull
   * then brought the customer's cancellation (version 4), which shows */
  entry = comptoir_outbox_next_due (store, page.account_id, 0, &error);
  g_assert_nonnull (entry);
  g_assert_true (comptoir_outbox_begin_attempt (store, entry, &error));
  comptoir_order_set_status (order, "cancelled");
  page.version = 4;
  g_assert_true (comptoir_store_transaction (store, write_page_tx, &page, &error));
  g_clear_pointer (&status, g_free);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "cancelled");

  /* the retry gets the stored answer (version 3): older, it changes
   * nothing — the order stays cancelled, as it is on the platform */
  g_assert_true (comptoir_outbox_record_success (store, entry, "o-1", 3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&status, g_free);
  status = local_status (store, order_id);
  g_assert_cmpstr (status, ==, "cancelled");
  g_assert_false (comptoir_order_act (store, order_id, "ready", NULL, &error));
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  comptoir_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COMPTOIR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/sync-orders/offline-accept", test_offline_accept);
  g_test_add_func ("/sync-orders/refused", test_refused);
  g_test_add_func ("/sync-orders/reject", test_reject);
  g_test_add_func ("/sync-orders/pages-while-waiting", test_pages_while_waiting);

  return g_test_run ();
}
