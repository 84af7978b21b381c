// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-sync"

#include "comptoir-i18n.h"

#include "comptoir-account.h"
#include "comptoir-error.h"
#include "comptoir-outbox.h"
#include "comptoir-platform.h"
#include "comptoir-sync-engine.h"
#include "comptoir-sync-pull.h"
#include "comptoir-sync-push.h"

/*
 * ComptoirSyncEngine decides when Comptoir talks to the platforms: once
 * started it sends what the merchant changed (a couple of seconds after the
 * change, so that typing a price is one send, not five), fetches new orders
 * and payouts every few minutes, tries again when an entry's back-off is
 * over, and starts over as soon as the network comes back. One run goes
 * through every signed-in account in turn: first what waits in the outbox,
 * then what the platform has new. What each account's last run met (offline,
 * refused sign-in…) is kept for the Publishing section.
 */

/* Orders come in all day: look for them this often. */
#define PERIOD_SECONDS (5 * 60)
/* Edits are sent this long after the last one. */
#define SETTLE_SECONDS 2

struct _ComptoirSyncEngine
{
  GObject          parent_instance;

  ComptoirStore   *store;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  gulong           store_changed_id;
  gulong           network_changed_id;

  gboolean         started;
  gboolean         busy;
  gboolean         again;
  gboolean         offline;
  gboolean         has_accounts;
  guint            timeout_id;
  guint            settle_id;

  /* the run under way */
  GPtrArray       *accounts;   /* ComptoirAccount */
  guint            index;
  ComptoirPlatform *platform;
  guint            pulled;

  GHashTable      *errors;     /* account id → message of its last run, if it failed */
  GHashTable      *failures;   /* account id → runs failed in a row */
  GHashTable      *retry_at;   /* account id → when to try an unreachable account again (unix) */
  GHashTable      *last_sync;  /* account id → GDateTime of its last complete run */
  GHashTable      *known;      /* ids of the signed-in accounts of the last run */
};

G_DEFINE_FINAL_TYPE (ComptoirSyncEngine, comptoir_sync_engine, G_TYPE_OBJECT)

enum { PROP_0, PROP_BUSY, PROP_OFFLINE, PROP_HAS_ACCOUNTS, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void run (ComptoirSyncEngine *self,
                 gboolean            forced);
static void next_account (ComptoirSyncEngine *self);

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
set_busy (ComptoirSyncEngine *self,
          gboolean            busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_offline (ComptoirSyncEngine *self,
             gboolean            offline)
{
  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/* Whether some account has an outbox entry to send now — or was just
 * connected, or signed in again, and has its orders to fetch — and when
 * the next entry waiting for its back-off falls due (0: none). */
static gboolean
outbox_due (ComptoirSyncEngine *self,
            gint64             *next_unix)
{
  g_autoptr(GListModel) accounts = comptoir_account_list (self->store, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean due = FALSE;
  guint n = accounts ? g_list_model_get_n_items (accounts) : 0;

  *next_unix = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, i);
      ComptoirOutboxSummary summary = { 0 };
      gint64 id = comptoir_account_get_id (account);
      gint64 *retry = g_hash_table_lookup (self->retry_at, &id);

      if (retry != NULL && *retry > now)
        {
          /* unreachable at its last run: not before its back-off is over */
          if (*next_unix == 0 || *retry < *next_unix)
            *next_unix = *retry;
          continue;
        }
      if (comptoir_account_get_signed_in (account) && !g_hash_table_contains (self->known, &id))
        {
          due = TRUE;
          continue;
        }
      if (!comptoir_account_get_signed_in (account) ||
          !comptoir_outbox_get_summary (self->store, comptoir_account_get_id (account), &summary, NULL) ||
          summary.pending == 0)
        continue;
      if (summary.next_attempt_unix <= now)
        due = TRUE;
      else if (*next_unix == 0 || summary.next_attempt_unix < *next_unix)
        *next_unix = summary.next_attempt_unix;
    }
  return due;
}

static gboolean
timeout_cb (gpointer data)
{
  ComptoirSyncEngine *self = data;

  self->timeout_id = 0;
  run (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* The next automatic run: the next back-off that ends, or the periodic
 * look for orders, whichever comes first. */
static void
schedule_next (ComptoirSyncEngine *self)
{
  gint64 next_unix = 0;
  gint64 delay = PERIOD_SECONDS;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->started)
    return;
  /* offline, only the network coming back (or the period) wakes us */
  if (!self->offline)
    {
      if (outbox_due (self, &next_unix))
        delay = SETTLE_SECONDS;
      else if (next_unix > 0)
        delay = CLAMP (next_unix - g_get_real_time () / G_USEC_PER_SEC, 1, PERIOD_SECONDS);
    }
  self->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT_IDLE, (guint) delay, timeout_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timeout_id), "[comptoir] next sync");
}

/* An account that cannot be reached is tried again after 15 s, 30 s, 1 min…
 * up to the period, with some jitter so that shops do not all come back at
 * once after an outage. */
static void
record_error (ComptoirSyncEngine *self,
              gint64              account_id,
              const GError       *error)
{
  guint failures = GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, &account_id)) + 1;
  gint64 delay = MIN ((gint64) 15 << MIN (failures - 1, 8), PERIOD_SECONDS);
  gint64 retry;

  /* a platform that asks to be left alone for a while is (rule 4) */
  delay = MAX (delay, (gint64) comptoir_error_get_retry_after (error));
  retry = g_get_real_time () / G_USEC_PER_SEC + delay + g_random_int_range (0, (gint32) delay / 4 + 1);

  g_hash_table_insert (self->errors, id_key (account_id), g_strdup (error->message));
  g_hash_table_insert (self->failures, id_key (account_id), GUINT_TO_POINTER (failures));
  g_hash_table_insert (self->retry_at, id_key (account_id), g_memdup2 (&retry, sizeof retry));
}

static void
record_success (ComptoirSyncEngine *self,
                gint64              account_id)
{
  g_hash_table_remove (self->errors, &account_id);
  g_hash_table_remove (self->failures, &account_id);
  g_hash_table_remove (self->retry_at, &account_id);
  g_hash_table_insert (self->last_sync, id_key (account_id), g_date_time_new_now_utc ());
}

static void
finish_run (ComptoirSyncEngine *self)
{
  guint pulled = self->pulled;

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_object (&self->platform);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0, pulled);
  /* a handler asked for another run, which is under way */
  if (self->busy)
    return;

  if (self->again)
    {
      self->again = FALSE;
      run (self, TRUE);
      return;
    }
  schedule_next (self);
}

static gint64
current_account_id (ComptoirSyncEngine *self)
{
  return comptoir_account_get_id (g_ptr_array_index (self->accounts, self->index));
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ComptoirSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  if (!comptoir_sync_pull_finish (result, &n_changed, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      record_error (self, current_account_id (self), error);
    }
  else
    record_success (self, current_account_id (self));
  self->pulled += n_changed;
  self->index++;
  next_account (self);
}

static void
push_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ComptoirSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_sent = 0;

  if (!comptoir_sync_push_finish (result, &n_sent, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* the platform cannot be reached or refuses the sign-in: fetching
       * from it would fail the same way */
      record_error (self, current_account_id (self), error);
      self->index++;
      next_account (self);
      return;
    }
  comptoir_sync_pull_async (self->store, self->platform, self->cancellable, pull_cb, g_object_ref (self));
}

static void
next_account (ComptoirSyncEngine *self)
{
  ComptoirAccount *account;

  g_clear_object (&self->platform);
  if (self->index >= self->accounts->len)
    {
      finish_run (self);
      return;
    }
  account = g_ptr_array_index (self->accounts, self->index);
  self->platform = comptoir_platform_new_for_account (self->store, account);
  comptoir_sync_push_async (self->store, self->platform, self->cancellable, push_cb, g_object_ref (self));
}

/* A run goes through every signed-in account; an automatic one leaves out
 * those still in their back-off, which the merchant's own request
 * (@forced) does not. */
static void
run (ComptoirSyncEngine *self,
     gboolean            forced)
{
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean was_offline = self->offline;
  guint n;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);

  /* Offline, nothing is tried: the network coming back starts a run. */
  set_offline (self, self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor));
  if (self->offline)
    {
      if (!was_offline)
        g_signal_emit (self, signals[FINISHED], 0, 0);
      schedule_next (self);
      return;
    }

  accounts = comptoir_account_list (self->store, &error);
  if (accounts == NULL)
    {
      g_warning ("Cannot list the accounts to synchronise: %s", error->message);
      schedule_next (self);
      return;
    }
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_remove_all (self->known);
  n = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < n; i++)
    {
      ComptoirAccount *account = g_list_model_get_item (accounts, i);

      gint64 id = comptoir_account_get_id (account);
      gint64 *retry = g_hash_table_lookup (self->retry_at, &id);

      if (!comptoir_account_get_signed_in (account))
        {
          g_object_unref (account);
          continue;
        }
      g_hash_table_add (self->known, id_key (id));
      if (!forced && retry != NULL && *retry > now)
        g_object_unref (account);
      else
        g_ptr_array_add (self->accounts, account);
    }
  if (self->has_accounts != (self->accounts->len > 0))
    {
      self->has_accounts = self->accounts->len > 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACCOUNTS]);
    }
  self->index = 0;
  self->pulled = 0;
  set_busy (self, TRUE);
  next_account (self);
}

static gboolean
settle_cb (gpointer data)
{
  ComptoirSyncEngine *self = data;
  gint64 next_unix;

  self->settle_id = 0;
  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor))
    return G_SOURCE_REMOVE;
  if (self->busy)
    {
      /* what the run writes itself is not a reason to run again; a change
       * of the merchant during the run is looked at when it ends */
      return G_SOURCE_REMOVE;
    }
  if (outbox_due (self, &next_unix))
    run (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Something was committed: when it is a change to send, send it once the
 * merchant has stopped typing for a moment. */
static void
store_changed_cb (ComptoirSyncEngine *self)
{
  if (!self->started)
    return;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add_seconds (SETTLE_SECONDS, settle_cb, self);
}

static void
network_changed_cb (ComptoirSyncEngine *self,
                    gboolean            available)
{
  if (!self->started)
    return;
  if (available && self->offline)
    run (self, TRUE);
  else if (!available)
    set_offline (self, TRUE);
}

static void
comptoir_sync_engine_dispose (GObject *object)
{
  ComptoirSyncEngine *self = COMPTOIR_SYNC_ENGINE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_object (&self->platform);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (comptoir_sync_engine_parent_class)->dispose (object);
}

static void
comptoir_sync_engine_finalize (GObject *object)
{
  ComptoirSyncEngine *self = COMPTOIR_SYNC_ENGINE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->retry_at, g_hash_table_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->last_sync, g_hash_table_unref);

  G_OBJECT_CLASS (comptoir_sync_engine_parent_class)->finalize (object);
}

static void
comptoir_sync_engine_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ComptoirSyncEngine *self = COMPTOIR_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_HAS_ACCOUNTS:
      g_value_set_boolean (value, self->has_accounts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_sync_engine_class_init (ComptoirSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = comptoir_sync_engine_dispose;
  object_class->finalize = comptoir_sync_engine_finalize;
  object_class->get_property = comptoir_sync_engine_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* whether the last run found a signed-in account to talk to */
  properties[PROP_HAS_ACCOUNTS] =
    g_param_spec_boolean ("has-accounts", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ComptoirSyncEngine::finished:
   * @n_pulled: how many orders and payouts the run brought or changed
   *
   * A run is over (also when it could not start, offline): the state of
   * each account is up to date.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
comptoir_sync_engine_init (ComptoirSyncEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->errors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->failures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->retry_at = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->last_sync = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_date_time_unref);
}

/**
 * comptoir_sync_engine_new:
 * @store: the local store
 *
 * Returns: (transfer full): an engine, idle until comptoir_sync_engine_start()
 */
ComptoirSyncEngine *
comptoir_sync_engine_new (ComptoirStore *store)
{
  ComptoirSyncEngine *self;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  self = g_object_new (COMPTOIR_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->store_changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  return self;
}

/**
 * comptoir_sync_engine_start:
 *
 * Runs once now, then whenever there is something to send or fetch.
 */
void
comptoir_sync_engine_start (ComptoirSyncEngine *self)
{
  g_return_if_fail (COMPTOIR_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  self->started = TRUE;
  /* the network monitor costs its set-up: not before it is needed */
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect_swapped (self->monitor, "network-changed",
                                                       G_CALLBACK (network_changed_cb), self);
  run (self, TRUE);
}

/**
 * comptoir_sync_engine_sync_now:
 *
 * Sends and fetches now (after the run under way, if there is one),
 * back-offs notwithstanding: the merchant asked.
 */
void
comptoir_sync_engine_sync_now (ComptoirSyncEngine *self)
{
  g_return_if_fail (COMPTOIR_IS_SYNC_ENGINE (self));

  run (self, TRUE);
}

gboolean
comptoir_sync_engine_get_busy (ComptoirSyncEngine *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SYNC_ENGINE (self), FALSE);
  return self->busy;
}

gboolean
comptoir_sync_engine_get_offline (ComptoirSyncEngine *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SYNC_ENGINE (self), FALSE);
  return self->offline;
}

/**
 * comptoir_sync_engine_get_account_error:
 *
 * Returns: (nullable): why the last run could not reach the account, in
 *   the merchant's words, or %NULL when it went through
 */
const char *
comptoir_sync_engine_get_account_error (ComptoirSyncEngine *self,
                                        gint64              account_id)
{
  g_return_val_if_fail (COMPTOIR_IS_SYNC_ENGINE (self), NULL);
  return g_hash_table_lookup (self->errors, &account_id);
}

/**
 * comptoir_sync_engine_get_account_last_sync:
 *
 * Returns: (nullable) (transfer none): when a run last went through for
 *   the account, since Comptoir started
 */
GDateTime *
comptoir_sync_engine_get_account_last_sync (ComptoirSyncEngine *self,
                                            gint64              account_id)
{
  g_return_val_if_fail (COMPTOIR_IS_SYNC_ENGINE (self), NULL);
  return g_hash_table_lookup (self->last_sync, &account_id);
}
