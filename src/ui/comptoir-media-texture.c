// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-media-texture"

#include "comptoir-media-texture.h"

/* A media image as a texture, decoded off the main thread. */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * comptoir_media_texture_load_async:
 * @hash: a media hash
 * @kind: which file of it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: closure
 *
 * Reads the image of @hash in a worker thread.
 */
void
comptoir_media_texture_load_async (const char          *hash,
                                   ComptoirMediaKind    kind,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, comptoir_media_texture_load_async);
  if (!comptoir_media_hash_is_valid (hash))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a media hash");
      return;
    }
  g_task_set_task_data (task, comptoir_media_get_path (hash, kind), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * comptoir_media_texture_load_finish:
 *
 * Returns: (transfer full) (nullable): the texture
 */
GdkTexture *
comptoir_media_texture_load_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
