// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gstdio.h>

#include "comptoir-outbox.h"
#include "comptoir-platform.h"
#include "comptoir-product-store.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-sync-engine.h"
#include "comptoir-test-utils.h"

/* The sync engine as the app runs it, against comptoir-sandbox over real
 * HTTP with the secrets in a private keyring: once started it sends what
 * the merchant changed and fetches what customers ordered, by itself; the
 * merchant can ask for it at once; a platform that cannot be reached is
 * named on its account and not hammered. */

static GAsyncResult *slot;
#define AWAIT() comptoir_test_await (&slot)
#define CB comptoir_test_result_cb, &slot

typedef struct
{
  guint runs;
  guint pulled;
} Runs;

static void
finished_cb (ComptoirSyncEngine *engine,
             guint               n_pulled,
             Runs               *runs)
{
  runs->runs++;
  runs->pulled += n_pulled;
}

/* Spins the main loop until @runs has seen @n runs, for at most @seconds. */
static gboolean
wait_for_runs (Runs  *runs,
               guint  n,
               guint  seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (runs->runs < n && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return runs->runs >= n;
}

static ComptoirAccount *
connect_marketplace (ComptoirStore       *store,
                     ComptoirTestSandbox *sandbox)
{
  return comptoir_test_connect_account (store, sandbox->marketplace, sandbox->email, sandbox->password);
}

static gboolean
write_tx (ComptoirStore  *store,
          gpointer        user_data,
          GError        **error)
{
  return comptoir_product_write (store, user_data, error);
}

static void
save (ComptoirStore   *store,
      ComptoirProduct *product)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_store_transaction (store, write_tx, product, &error));
  g_assert_no_error (error);
}

/* The price of the product named @name on the platform, -1 if absent. */
static gint64
remote_price (ComptoirStore   *store,
              ComptoirAccount *account,
              const char      *name)
{
  g_autoptr(ComptoirPlatform) platform = comptoir_platform_new_for_account (store, account);
  g_autoptr(ComptoirPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  comptoir_platform_list_products_async (platform, NULL, NULL, NULL, CB);
  result = AWAIT ();
  page = comptoir_platform_finish_page (platform, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->items->len; i++)
    if (g_strcmp0 (comptoir_product_get_name (page->items->pdata[i]), name) == 0)
      return comptoir_product_get_price_cents (page->items->pdata[i]);
  return -1;
}

static guint
pending (ComptoirStore   *store,
         ComptoirAccount *account)
{
  ComptoirOutboxSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_outbox_get_summary (store, comptoir_account_get_id (account), &summary, &error));
  g_assert_no_error (error);
  return summary.pending;
}

static void
test_engine (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autofree char *path = comptoir_test_tmp_path ("engine.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(ComptoirSyncEngine) engine = NULL;
  g_autoptr(ComptoirProduct) bread = comptoir_product_new ();
  gboolean has_accounts = FALSE;
  Runs runs = { 0 };
  guint before;

  g_remove (path);
  store = comptoir_store_open (path, &error);
  g_assert_no_error (error);
  account = connect_marketplace (store, sandbox);

  /* made before anything is sent */
  comptoir_product_set_name (bread, "Pain de campagne");
  comptoir_product_set_price_cents (bread, 450);
  save (store, bread);
  g_assert_cmpuint (pending (store, account), >, 0);

  engine = comptoir_sync_engine_new (store);
  g_signal_connect (engine, "finished", G_CALLBACK (finished_cb), &runs);
  comptoir_sync_engine_start (engine);
  g_assert_true (comptoir_sync_engine_get_busy (engine));
  g_assert_true (wait_for_runs (&runs, 1, 30));
  g_assert_false (comptoir_sync_engine_get_busy (engine));
  g_object_get (engine, "has-accounts", &has_accounts, NULL);
  g_assert_true (has_accounts);
  g_assert_null (comptoir_sync_engine_get_account_error (engine, comptoir_account_get_id (account)));
  g_assert_nonnull (comptoir_sync_engine_get_account_last_sync (engine, comptoir_account_get_id (account)));
  g_assert_cmpuint (pending (store, account), ==, 0);
  g_assert_cmpint (remote_price (store, account, "Pain de campagne"), ==, 450);

  /* an edit goes out by itself, a moment after it is saved */
  before = runs.runs;
  comptoir_product_set_price_cents (bread, 480);
  save (store, bread);
  g_assert_true (wait_for_runs (&runs, before + 1, 30));
  g_assert_cmpuint (pending (store, account), ==, 0);
  g_assert_cmpint (remote_price (store, account, "Pain de campagne"), ==, 480);

  /* a customer orders; asking now fetches the order */
  {
    g_autoptr(JsonNode) order = comptoir_test_sandbox_control (sandbox, "POST", "/_sandbox/orders", NULL, NULL);

    g_assert_nonnull (order);
  }
  before = runs.runs;
  runs.pulled = 0;
  comptoir_sync_engine_sync_now (engine);
  g_assert_true (wait_for_runs (&runs, before + 1, 30));
  g_assert_cmpuint (runs.pulled, >=, 1);
  g_assert_cmpint (comptoir_store_count (store, "orders"), ==, 1);

  /* asked twice while running: one more run after this one, not two */
  before = runs.runs;
  comptoir_sync_engine_sync_now (engine);
  comptoir_sync_engine_sync_now (engine);
  comptoir_sync_engine_sync_now (engine);
  g_assert_true (wait_for_runs (&runs, before + 2, 30));
  g_assert_false (wait_for_runs (&runs, before + 3, 3));

  /* the platform goes away: the change waits, the account says why, and
   * the engine does not try again at once */
  comptoir_test_sandbox_stop (sandbox);
  before = runs.runs;
  comptoir_product_set_price_cents (bread, 500);
  save (store, bread);
  g_assert_true (wait_for_runs (&runs, before + 1, 30));
  g_assert_nonnull (comptoir_sync_engine_get_account_error (engine, comptoir_account_get_id (account)));
  g_assert_cmpuint (pending (store, account), ==, 1);
  g_assert_false (wait_for_runs (&runs, before + 2, 5));
}

/* A network monitor the test switches on and off: GIO picks it (by name,
 * GIO_USE_NETWORK_MONITOR) as the default one. */
typedef struct
{
  GObject  parent_instance;
  gboolean available;
} FakeMonitor;

typedef struct
{
  GObjectClass parent_class;
} FakeMonitorClass;

enum { FAKE_PROP_0, FAKE_PROP_AVAILABLE, FAKE_PROP_METERED, FAKE_PROP_CONNECTIVITY };

static GType fake_monitor_get_type (void);
static void fake_monitor_network_iface_init (GNetworkMonitorInterface *iface);
static void fake_monitor_initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_monitor_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_network_iface_init)
                         g_io_extension_point_implement (G_NETWORK_MONITOR_EXTENSION_POINT_NAME,
                                                         g_define_type_id, "comptoir-test", 0))

static gboolean
fake_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
fake_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_monitor_initable_init;
}

static void
fake_monitor_network_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = (FakeMonitor *) object;

  switch (prop_id)
    {
    case FAKE_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case FAKE_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case FAKE_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

static void
set_network (gboolean available)
{
  FakeMonitor *monitor = (FakeMonitor *) g_network_monitor_get_default ();

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (monitor, fake_monitor_get_type ()));
  monitor->available = available;
  g_object_notify (G_OBJECT (monitor), "network-available");
  g_signal_emit_by_name (monitor, "network-changed", available);
}

/* Offline, the engine tries nothing and does not wake up over and over;
 * the network coming back sends what waited. */
static void
test_offline (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autofree char *path = comptoir_test_tmp_path ("engine-offline.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(ComptoirSyncEngine) engine = NULL;
  g_autoptr(ComptoirProduct) jam = comptoir_product_new ();
  Runs runs = { 0 };

  g_remove (path);
  store = comptoir_store_open (path, &error);
  g_assert_no_error (error);
  account = connect_marketplace (store, sandbox);

  set_network (FALSE);
  engine = comptoir_sync_engine_new (store);
  g_signal_connect (engine, "finished", G_CALLBACK (finished_cb), &runs);
  comptoir_sync_engine_start (engine);
  g_assert_true (comptoir_sync_engine_get_offline (engine));
  g_assert_cmpuint (runs.runs, ==, 1);

  /* an edit offline waits; nothing runs, however long it waits */
  comptoir_product_set_name (jam, "Confiture de mirabelles");
  comptoir_product_set_price_cents (jam, 520);
  save (store, jam);
  g_assert_false (wait_for_runs (&runs, 2, 7));
  g_assert_false (comptoir_sync_engine_get_busy (engine));
  g_assert_cmpuint (pending (store, account), ==, 1);

  /* the network comes back: what waited goes out */
  set_network (TRUE);
  g_assert_true (wait_for_runs (&runs, 2, 30));
  g_assert_false (comptoir_sync_engine_get_offline (engine));
  g_assert_cmpuint (pending (store, account), ==, 0);
  g_assert_cmpint (remote_price (store, account, "Confiture de mirabelles"), ==, 520);
  comptoir_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);
  /* our own network monitor, switched on and off by the tests */
  g_setenv ("GIO_USE_NETWORK_MONITOR", "comptoir-test", TRUE);
  g_io_extension_point_register (G_NETWORK_MONITOR_EXTENSION_POINT_NAME);
  g_type_ensure (fake_monitor_get_type ());

  g_test_add_func ("/sync-engine/sends-fetches-and-waits", test_engine);
  g_test_add_func ("/sync-engine/offline", test_offline);

  return g_test_run ();
}
