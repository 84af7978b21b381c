// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-sync"

/* The push half of sync: every due outbox entry of one platform account,
 * one at a time, each outcome recorded in the store before the next
 * (DESIGN.md, offline-first rules 2–4, 6, 7). */

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-outbox.h"
#include "comptoir-sync-push.h"

typedef struct
{
  ComptoirStore       *store;
  ComptoirPlatform    *platform;
  gint64               account_id;
  gboolean             directory;    /* offers take photo URLs, products media ids */
  gint64               last_id;
  guint                n_sent;
  ComptoirOutboxEntry *entry;
  GPtrArray           *media;        /* what the product's photos are called there */
  guint                next_photo;
} PushData;

static void push_next (GTask *task);

static void
push_data_free (PushData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->platform);
  g_clear_pointer (&data->entry, comptoir_outbox_entry_free);
  g_clear_pointer (&data->media, g_ptr_array_unref);
  g_free (data);
}

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* What a refused change tells the merchant, on the object it concerns. */
static char *
conflict_message (ComptoirOutboxEntry *entry)
{
  if (g_str_equal (entry->object_type, "order"))
    return g_strdup (_("This order changed on the marketplace meanwhile (the customer may have cancelled it), "
                       "so your action was not applied. The order shows its status on the marketplace again."));
  if (g_str_equal (entry->object_type, "shop"))
    return g_strdup (_("Your shop’s page was changed on the platform since Comptoir last sent it. "
                       "Nothing was overwritten: look at what was changed there, then send your version if it is the right one."));
  return g_strdup (_("This product was changed on the platform since Comptoir last sent it. "
                     "Nothing was overwritten: look at what was changed there, then send your version if it is the right one."));
}

/* Records how the platform answered @entry, then goes on; or ends the run
 * when the platform cannot be reached at all. */
static void
handle_outcome (GTask                *task,
                ComptoirRemoteObject *remote,
                GError               *error)
{
  PushData *data = g_task_get_task_data (task);
  ComptoirOutboxEntry *entry = data->entry;
  g_autoptr(GError) store_error = NULL;
  gboolean recorded;
  gboolean stop = FALSE;

  if (error == NULL)
    {
      const char *remote_id = remote && remote->id ? remote->id : entry->remote_id;

      recorded = comptoir_outbox_record_success (data->store, entry, remote_id,
                                                 remote ? remote->version : 0, &store_error);
      data->n_sent++;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           /* a 403 forbids this change, not the account: it is refused
            * below, on its object, and the others go on */
           || (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH)
               && comptoir_error_get_http_status (error) != 403)
           || g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_KEYRING)
           || (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK)
               && comptoir_error_get_http_status (error) == 0))
    {
      /* Offline, signed out, or stopped: not this entry's fault. It stays
       * due, frozen, and goes again with the same key next time. */
      fail (task, g_error_copy (error));
      return;
    }
  else if (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK)
           || g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_RATE_LIMITED)
           || (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL)
               && comptoir_error_get_http_status (error) == 0))
    {
      /* 5xx, 429, and answers cut short or garbled (the change may have
       * been applied: the same key and body find out): again later, never
       * sooner than the platform asks. A 429 concerns the whole account:
       * the run stops there. */
      recorded = comptoir_outbox_record_retry (data->store, entry, comptoir_error_get_retry_after (error),
                                               error->message, &store_error);
      stop = g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_RATE_LIMITED);
    }
  else if (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND)
           && entry->operation == COMPTOIR_OUTBOX_DELETE_PRODUCT)
    {
      /* Already gone there: what the merchant wanted. */
      recorded = comptoir_outbox_record_success (data->store, entry, NULL, 0, &store_error);
      data->n_sent++;
    }
  else if (g_error_matches (error, COMPTOIR_ERROR, COMPTOIR_ERROR_CONFLICT))
    {
      g_autofree char *message = conflict_message (entry);

      recorded = comptoir_outbox_record_conflict (data->store, entry, comptoir_error_get_current_version (error),
                                                  message, &store_error);
    }
  else
    {
      /* Any other refusal waits for the merchant; the connectors' messages
       * are already in their words. */
      recorded = comptoir_outbox_record_failure (data->store, entry, FALSE, error->message, &store_error);
    }

  if (!recorded)
    {
      fail (task, g_steal_pointer (&store_error));
      return;
    }
  g_clear_pointer (&data->entry, comptoir_outbox_entry_free);
  if (stop)
    {
      /* the whole account is to be left alone for a while: the caller
       * learns it (and how long, comptoir_error_get_retry_after()) */
      fail (task, g_error_copy (error));
      return;
    }
  push_next (task);
}

static void
remote_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirRemoteObject) remote = comptoir_platform_finish_remote (COMPTOIR_PLATFORM (source), result, &error);

  handle_outcome (task, remote, error);
}

static void
order_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirOrder) order = comptoir_platform_finish_order (COMPTOIR_PLATFORM (source), result, &error);
  ComptoirRemoteObject remote = { NULL, 0, NULL, FALSE };

  if (order == NULL)
    {
      handle_outcome (task, NULL, error);
      return;
    }
  remote.id = (char *) comptoir_order_get_remote_id (order);
  remote.version = comptoir_order_get_remote_version (order);
  handle_outcome (task, &remote, NULL);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  comptoir_platform_finish_boolean (COMPTOIR_PLATFORM (source), result, &error);
  handle_outcome (task, NULL, error);
}

/* Products: their photos first (each under a key made from its bytes, so
 * a photo sent again is recognised, not copied), then the product that
 * names them. */
static void
send_product (GTask *task)
{
  PushData *data = g_task_get_task_data (task);
  ComptoirOutboxEntry *entry = data->entry;
  ComptoirMutation mutation = { entry->idempotency_key, entry->if_match };
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_ptr_array_add (data->media, NULL);
  if (entry->operation == COMPTOIR_OUTBOX_CREATE_PRODUCT)
    comptoir_platform_create_product_async (data->platform, entry->product,
                                            (const char * const *) data->media->pdata,
                                            &mutation, cancellable, remote_done_cb, task);
  else
    comptoir_platform_update_product_async (data->platform, entry->remote_id, entry->product,
                                            (const char * const *) data->media->pdata,
                                            &mutation, cancellable, remote_done_cb, task);
}

static void upload_next_photo (GTask *task);

static void
photo_uploaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirRemoteObject) media = comptoir_platform_finish_remote (COMPTOIR_PLATFORM (source), result, &error);
  const char *name;

  if (media == NULL)
    {
      handle_outcome (task, NULL, error);
      return;
    }
  name = data->directory ? media->url : media->id;
  if (name == NULL)
    {
      g_autoptr(GError) protocol = g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL,
                                                        _("The platform did not say where it keeps a photo. "
                                                          "Comptoir will send it again later."));
      handle_outcome (task, NULL, protocol);
      return;
    }
  g_ptr_array_add (data->media, g_strdup (name));
  upload_next_photo (task);
}

static void
photo_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *digest = NULL;
  g_autofree char *key = NULL;
  ComptoirMutation mutation = { NULL, 0 };

  if (bytes == NULL)
    {
      g_autoptr(GError) missing = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          handle_outcome (task, NULL, error);
          return;
        }
      g_debug ("Could not read a photo: %s", error->message);
      missing = g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                                     _("A picture to publish is missing from this computer. "
                                       "Choose it again, then publish again."));
      handle_outcome (task, NULL, missing);
      return;
    }
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  key = g_strconcat ("comptoir-media-", digest, NULL);
  mutation.idempotency_key = key;
  comptoir_platform_upload_media_async (data->platform, bytes, "image/jpeg", &mutation,
                                        g_task_get_cancellable (task), photo_uploaded_cb, task);
}

static void
upload_next_photo (GTask *task)
{
  PushData *data = g_task_get_task_data (task);
  ComptoirOutboxEntry *entry = data->entry;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (entry->photos == NULL || entry->photos[data->next_photo] == NULL)
    {
      send_product (task);
      return;
    }
  path = comptoir_media_get_path (entry->photos[data->next_photo++], COMPTOIR_MEDIA_WEB);
  if (path == NULL)
    {
      g_autoptr(GError) missing = g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                                                       _("A picture to publish is missing from this computer. "
                                                         "Choose it again, then publish again."));
      handle_outcome (task, NULL, missing);
      return;
    }
  file = g_file_new_for_path (path);
  g_file_load_bytes_async (file, g_task_get_cancellable (task), photo_loaded_cb, task);
}

static void
push_next (GTask *task)
{
  PushData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      ComptoirOutboxEntry *entry;
      ComptoirMutation mutation;

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }
      entry = comptoir_outbox_next_due (data->store, data->account_id, data->last_id, &error);
      if (error != NULL)
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
      if (entry == NULL)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }
      data->entry = entry;
      data->last_id = entry->id;
      if (!comptoir_outbox_begin_attempt (data->store, entry, &error))
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
      mutation.idempotency_key = entry->idempotency_key;
      mutation.if_match = entry->if_match;

      switch (entry->operation)
        {
        case COMPTOIR_OUTBOX_SKIP:
          g_clear_pointer (&data->entry, comptoir_outbox_entry_free);
          continue;

        case COMPTOIR_OUTBOX_PUSH_SHOP:
          comptoir_platform_push_shop_async (data->platform, entry->shop, NULL, &mutation,
                                             cancellable, remote_done_cb, task);
          return;

        case COMPTOIR_OUTBOX_CREATE_PRODUCT:
        case COMPTOIR_OUTBOX_UPDATE_PRODUCT:
          g_clear_pointer (&data->media, g_ptr_array_unref);
          data->media = g_ptr_array_new_with_free_func (g_free);
          data->next_photo = 0;
          upload_next_photo (task);
          return;

        case COMPTOIR_OUTBOX_DELETE_PRODUCT:
          if (entry->remote_id == NULL)
            {
              /* Never reached the platform: nothing to delete there. */
              if (!comptoir_outbox_record_success (data->store, entry, NULL, 0, &error))
                {
                  fail (task, g_steal_pointer (&error));
                  return;
                }
              g_clear_pointer (&data->entry, comptoir_outbox_entry_free);
              continue;
            }
          comptoir_platform_delete_product_async (data->platform, entry->remote_id, &mutation,
                                                  cancellable, deleted_cb, task);
          return;

        case COMPTOIR_OUTBOX_TRANSITION_ORDER:
          comptoir_platform_transition_order_async (data->platform, entry->remote_id, entry->action,
                                                    entry->reason, &mutation, cancellable,
                                                    order_done_cb, task);
          return;

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * comptoir_sync_push_async:
 * @store: the store
 * @platform: the connector of one platform account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends every due outbox entry of @platform's account, object by object,
 * in order. Each outcome is kept in the store: an entry the platform
 * refused waits for the merchant (with the reason on its object), one
 * that failed for a while (5xx, 429) waits for its back-off, and neither
 * holds back other objects.
 */
void
comptoir_sync_push_async (ComptoirStore       *store,
                          ComptoirPlatform    *platform,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  PushData *data;
  g_autoptr(ComptoirAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COMPTOIR_IS_STORE (store));
  g_return_if_fail (COMPTOIR_IS_PLATFORM (platform));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, comptoir_sync_push_async);
  data = g_new0 (PushData, 1);
  data->store = g_object_ref (store);
  data->platform = g_object_ref (platform);
  data->account_id = comptoir_platform_get_account_id (platform);
  g_task_set_task_data (task, data, (GDestroyNotify) push_data_free);

  account = comptoir_account_load (store, data->account_id, &error);
  if (account == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  data->directory = g_strcmp0 (comptoir_account_get_kind (account), "directory") == 0;
  push_next (task);
}

/**
 * comptoir_sync_push_finish:
 * @result: the result
 * @n_sent: (out) (optional): how many changes the platform applied during
 *   this run (also set when the run stopped on an error)
 * @error: a #GError
 *
 * Returns: %FALSE only when the account could not be reached at all
 *   (offline, signed out, keyring locked, cancelled), asks to be left alone
 *   for a while (%COMPTOIR_ERROR_RATE_LIMITED, with its Retry-After), or the
 *   store failed; what the platform said about each entry is in the store.
 */
gboolean
comptoir_sync_push_finish (GAsyncResult  *result,
                           guint         *n_sent,
                           GError       **error)
{
  PushData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_sent != NULL)
    *n_sent = data->n_sent;
  return g_task_propagate_boolean (G_TASK (result), error);
}
