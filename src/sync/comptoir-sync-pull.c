// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-sync-pull"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-order-batch.h"
#include "comptoir-sync-pull.h"
#include "comptoir-sync-state.h"

/* The pull half of sync: orders, then payouts, of one platform account,
 * brought page by page from where the last pull stopped.
 *
 * HTTP and parsing run on the main loop (the connector's); each page is
 * written on a worker thread (the store gives it its own connection) in
 * one transaction together with the position that follows it, so a pull
 * cut at any instant, kill -9 included, resumes at the first page not
 * committed: no row lost, none twice. While one page is written the next
 * one is fetched; at most one page waits, so memory stays bounded. */

typedef void (*ListFunc) (ComptoirPlatform    *self,
                          const char          *cursor,
                          const char          *updated_since,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);

typedef enum
{
  RESOURCE_ORDERS,
  RESOURCE_PAYOUTS,
  N_RESOURCES
} Resource;

static const char * const resource_names[N_RESOURCES] = {
  COMPTOIR_SYNC_ORDERS,
  COMPTOIR_SYNC_PAYOUTS,
};

typedef struct
{
  ComptoirStore        *store;
  ComptoirPlatform     *platform;
  gint64                account_id;
  Resource              resource;
  ComptoirSyncPosition  position;    /* as of the last page fetched */
  char                 *requested;   /* cursor of the fetch in flight */
  gboolean              fetching;
  gboolean              writing;
  gboolean              fetched_last;
  gboolean              fetched_any;
  gboolean              cursor_reset;
  ComptoirPage         *queued;      /* fetched while another page was being written */
  ComptoirSyncPosition  queued_position;
  GError               *error;       /* the first failure, reported once idle */
  guint                 n_changed;
} PullData;

/* One page and the position that follows it, written by a worker. */
typedef struct
{
  ComptoirStore        *store;
  gint64                account_id;
  Resource              resource;
  ComptoirPage         *page;
  ComptoirSyncPosition  position;
  gboolean              finished;
  char                 *error_message;  /* instead of a page: record this failure */
  guint                 n_changed;
} PageWrite;

static void fetch_page  (GTask *task);
static void start_write (GTask *task, ComptoirPage *page, ComptoirSyncPosition *position);
static void maybe_done  (GTask *task);

static void
pull_data_free (PullData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->platform);
  comptoir_sync_position_clear (&data->position);
  comptoir_sync_position_clear (&data->queued_position);
  g_clear_pointer (&data->requested, g_free);
  g_clear_pointer (&data->queued, comptoir_page_free);
  g_clear_error (&data->error);
  g_free (data);
}

static void
page_write_free (PageWrite *write)
{
  g_clear_object (&write->store);
  g_clear_pointer (&write->page, comptoir_page_free);
  comptoir_sync_position_clear (&write->position);
  g_free (write->error_message);
  g_free (write);
}

static void
position_copy (const ComptoirSyncPosition *from,
               ComptoirSyncPosition       *to)
{
  to->since = g_strdup (from->since);
  to->next = g_strdup (from->next);
  to->seen = g_strdup (from->seen);
}

static void
set_error (PullData *data,
           GError   *error)
{
  if (data->error == NULL)
    data->error = error;
  else
    g_error_free (error);
}

/* A change time we may send back as updated_since: a date the platform
 * wrote. Anything else is ignored, and the next pull starts from the
 * previous time again (slower, never a gap). */
static gboolean
is_change_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || strlen (text) > 64)
    return FALSE;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time != NULL;
}

/* Workers */

static gboolean
write_page_tx (ComptoirStore  *store,
               gpointer        user_data,
               GError        **error)
{
  PageWrite *write = user_data;

  if (write->error_message != NULL)
    return comptoir_sync_state_set_error (store, write->account_id, resource_names[write->resource],
                                          write->error_message, error);

  if (write->resource == RESOURCE_ORDERS)
    {
      g_autofree gint64 *versions = g_new0 (gint64, write->page->items->len + 1);

      for (guint i = 0; i < write->page->remote->len && i < write->page->items->len; i++)
        versions[i] = ((ComptoirRemoteObject *) write->page->remote->pdata[i])->version;
      if (!comptoir_order_write_page (store, write->account_id, write->page->items, versions,
                                      &write->n_changed, error))
        return FALSE;
    }
  else if (!comptoir_payout_write_page (store, write->account_id, write->page->items,
                                        &write->n_changed, error))
    return FALSE;

  return comptoir_sync_state_save_position (store, write->account_id, resource_names[write->resource],
                                            &write->position, write->finished, error);
}

static void
write_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PageWrite *write = task_data;
  GError *error = NULL;

  if (comptoir_store_transaction (write->store, write_page_tx, write, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Finishing */

static void
finish (GTask *task)
{
  PullData *data = g_task_get_task_data (task);

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_int (task, data->n_changed);
  g_object_unref (task);
}

static void
error_recorded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* The store failing here has already failed the pull: the pull's own
   * error is the one the merchant needs. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not record the failure of a pull: %s", error->message);
  finish (task);
}

/* The pull stopped: say why in sync_state (unless the merchant or the app
 * cancelled it), then report. */
static void
fail (GTask *task)
{
  PullData *data = g_task_get_task_data (task);
  PageWrite *write;
  GTask *record;

  if (g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish (task);
      return;
    }

  if (data->resource == RESOURCE_ORDERS)
    g_prefix_error (&data->error, _("The orders could not be updated: "));
  else
    g_prefix_error (&data->error, _("The payouts could not be updated: "));

  write = g_new0 (PageWrite, 1);
  write->store = g_object_ref (data->store);
  write->account_id = data->account_id;
  write->resource = data->resource;
  write->error_message = g_strdup (data->error->message);
  record = g_task_new (NULL, NULL, error_recorded_cb, task);
  g_task_set_source_tag (record, fail);
  g_task_set_task_data (record, write, (GDestroyNotify) page_write_free);
  g_task_run_in_thread (record, write_page_thread);
  g_object_unref (record);
}

static void
start_resource (GTask *task)
{
  PullData *data = g_task_get_task_data (task);
  GError *error = NULL;

  comptoir_sync_position_clear (&data->position);
  data->fetched_last = FALSE;
  data->fetched_any = FALSE;
  data->cursor_reset = FALSE;
  /* A small indexed read of one row: not worth a thread. */
  if (!comptoir_sync_state_load_position (data->store, data->account_id, resource_names[data->resource],
                                          &data->position, &error))
    {
      set_error (data, error);
      fail (task);
      return;
    }
  fetch_page (task);
}

/* Called whenever a fetch or a write ends: moves on once both are idle. */
static void
maybe_done (GTask *task)
{
  PullData *data = g_task_get_task_data (task);

  if (data->fetching || data->writing)
    return;
  if (data->error != NULL)
    {
      fail (task);
      return;
    }
  if (!data->fetched_last)
    return;
  if (++data->resource < N_RESOURCES)
    start_resource (task);
  else
    finish (task);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  PullData *data = g_task_get_task_data (task);
  PageWrite *write = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  data->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    set_error (data, error);
  else
    data->n_changed += write->n_changed;

  if (data->error == NULL && data->queued != NULL)
    {
      ComptoirPage *page = g_steal_pointer (&data->queued);
      gboolean more = page->next_cursor != NULL;

      start_write (task, page, &data->queued_position);
      comptoir_sync_position_clear (&data->queued_position);
      if (more)
        fetch_page (task);
    }
  maybe_done (task);
}

/* Takes @page; copies @position. */
static void
start_write (GTask                *task,
             ComptoirPage         *page,
             ComptoirSyncPosition *position)
{
  PullData *data = g_task_get_task_data (task);
  PageWrite *write = g_new0 (PageWrite, 1);
  GTask *writer;

  g_assert (!data->writing);

  write->store = g_object_ref (data->store);
  write->account_id = data->account_id;
  write->resource = data->resource;
  write->page = page;
  write->finished = page->next_cursor == NULL;
  position_copy (position, &write->position);

  data->writing = TRUE;
  /* Not cancellable: a page is written whole, then the pull stops. */
  writer = g_task_new (NULL, NULL, write_done_cb, task);
  g_task_set_source_tag (writer, start_write);
  g_task_set_task_data (writer, write, (GDestroyNotify) page_write_free);
  g_task_run_in_thread (writer, write_page_thread);
  g_object_unref (writer);
}

static void
page_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PullData *data = g_task_get_task_data (task);
  g_autoptr(ComptoirPage) page = NULL;
  g_autoptr(GError) error = NULL;
  ComptoirSyncPosition after = { NULL };

  data->fetching = FALSE;
  page = comptoir_platform_finish_page (data->platform, result, &error);

  if (page == NULL)
    {
      /* A platform without this resource (the directory): nothing to do. */
      if (!data->fetched_any && g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_SUPPORTED))
        {
          data->fetched_last = TRUE;
          maybe_done (task);
          return;
        }
      /* A cursor the platform no longer takes (expired, after an
       * upgrade): start again from the last finished pull, once. */
      if (data->requested != NULL && !data->cursor_reset && data->error == NULL
          && g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT))
        {
          data->cursor_reset = TRUE;
          g_clear_pointer (&data->position.next, g_free);
          g_clear_pointer (&data->position.seen, g_free);
          fetch_page (task);
          return;
        }
      set_error (data, g_steal_pointer (&error));
      maybe_done (task);
      return;
    }

  data->fetched_any = TRUE;
  if (data->error != NULL)
    {
      maybe_done (task);
      return;
    }
  /* A platform that hands back the cursor it was given would page forever. */
  if (page->next_cursor != NULL && g_strcmp0 (page->next_cursor, data->requested) == 0)
    {
      set_error (data, g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL,
                                            _("The platform keeps sending the same page. "
                                              "Comptoir will try again later.")));
      maybe_done (task);
      return;
    }

  /* The position once this page is written. */
  if (is_change_time (page->max_updated_at)
      && (data->position.seen == NULL || strcmp (page->max_updated_at, data->position.seen) > 0))
    {
      g_free (data->position.seen);
      data->position.seen = g_strdup (page->max_updated_at);
    }
  g_free (data->position.next);
  data->position.next = g_strdup (page->next_cursor);
  if (page->next_cursor == NULL)
    {
      data->fetched_last = TRUE;
      after.since = g_strdup (data->position.seen ? data->position.seen : data->position.since);
    }
  else
    position_copy (&data->position, &after);

  if (!data->writing)
    {
      gboolean more = page->next_cursor != NULL;

      start_write (task, g_steal_pointer (&page), &after);
      if (more)
        fetch_page (task);
    }
  else
    {
      /* One page is being written: keep this one until it is done, and
       * fetch no further meanwhile. */
      g_assert (data->queued == NULL);
      data->queued = g_steal_pointer (&page);
      data->queued_position = after;
      after = (ComptoirSyncPosition) { NULL };
    }
  comptoir_sync_position_clear (&after);
  maybe_done (task);
}

static void
fetch_page (GTask *task)
{
  static const ListFunc list[N_RESOURCES] = {
    comptoir_platform_list_orders_async,
    comptoir_platform_list_payouts_async,
  };
  PullData *data = g_task_get_task_data (task);

  g_assert (!data->fetching);
  g_free (data->requested);
  data->requested = g_strdup (data->position.next);
  data->fetching = TRUE;
  /* With a cursor the platform continues its own listing; updated_since
   * goes along so that it keeps the same filter. */
  list[data->resource] (data->platform, data->position.next, data->position.since,
                        g_task_get_cancellable (task), page_fetched_cb, task);
}

/**
 * comptoir_sync_pull_async:
 * @store: the store
 * @platform: the connector of one account (comptoir_platform_new_for_account())
 * @cancellable: (nullable): stops the pull after the page being written
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Brings the account's orders, then its payouts, that changed since the
 * last pull (everything, the first time), page after page until the
 * platform has no more. A platform without orders or payouts (the
 * directory) has nothing to pull.
 *
 * Each page is written in one transaction with the position that follows
 * it, on a worker thread: the main loop never waits for the disk, and a
 * pull cut short resumes where it stopped. A failure is recorded in
 * sync_state (last_error), in the merchant's words; a finished pull
 * records its time (last_success_at).
 */
void
comptoir_sync_pull_async (ComptoirStore       *store,
                          ComptoirPlatform    *platform,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  PullData *data;

  g_return_if_fail (COMPTOIR_IS_STORE (store));
  g_return_if_fail (COMPTOIR_IS_PLATFORM (platform));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, comptoir_sync_pull_async);
  data = g_new0 (PullData, 1);
  data->store = g_object_ref (store);
  data->platform = g_object_ref (platform);
  data->account_id = comptoir_platform_get_account_id (platform);
  data->resource = RESOURCE_ORDERS;
  g_task_set_task_data (task, data, (GDestroyNotify) pull_data_free);

  if (data->account_id <= 0)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                               _("This platform account is no longer connected. Connect it again."));
      g_object_unref (task);
      return;
    }
  start_resource (task);
}

/**
 * comptoir_sync_pull_finish:
 * @result: the result given to the callback
 * @n_changed: (out) (optional): how many orders and payouts were new or
 *   changed (also when the pull failed half-way: what was written stays)
 * @error: a #GError, in the merchant's words
 *
 * Returns: %TRUE once every page was brought
 */
gboolean
comptoir_sync_pull_finish (GAsyncResult  *result,
                           guint         *n_changed,
                           GError       **error)
{
  GTask *task = G_TASK (result);
  PullData *data;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == comptoir_sync_pull_async, FALSE);

  data = g_task_get_task_data (task);
  if (n_changed != NULL)
    *n_changed = data->n_changed;
  value = g_task_propagate_int (task, error);
  return value >= 0;
}
