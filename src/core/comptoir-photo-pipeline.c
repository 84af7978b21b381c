// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-photo-pipeline"

#include "comptoir-i18n.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "comptoir-error.h"
#include "comptoir-photo-codec-private.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-store-private.h"

/* The photo pipeline: every photo the merchant adds is decoded (a JPEG at
 * the smallest DCT scale that still gives enough pixels), turned upright,
 * edited, and re-encoded into a web image and a thumbnail without any
 * metadata, so that no GPS position is ever published. Both files are
 * stored under the SHA-256 of the web image. */


typedef struct
{
  GFile             *file;
  GBytes            *bytes;
  gboolean           has_edit;
  ComptoirPhotoEdit  edit;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

/* Geometry */

static void
fit_size (int  width,
          int  height,
          int  max_side,
          int *out_width,
          int *out_height)
{
  if (width <= max_side && height <= max_side)
    {
      *out_width = width;
      *out_height = height;
    }
  else if (width >= height)
    {
      *out_width = max_side;
      *out_height = MAX (1, (int) ((double) height * max_side / width + 0.5));
    }
  else
    {
      *out_height = max_side;
      *out_width = MAX (1, (int) ((double) width * max_side / height + 0.5));
    }
}

static gboolean
edit_is_valid (const ComptoirPhotoEdit  *edit,
               GError                  **error)
{
  const double eps = 1e-6;

  if (edit == NULL || !edit->crop)
    return TRUE;
  if (!(edit->crop_x >= -eps && edit->crop_y >= -eps
        && edit->crop_w > 0 && edit->crop_h > 0
        && edit->crop_x + edit->crop_w <= 1 + eps
        && edit->crop_y + edit->crop_h <= 1 + eps))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The cropped area goes outside the photo. Choose the area again."));
      return FALSE;
    }
  return TRUE;
}

static GdkPixbuf *
apply_orientation (GdkPixbuf *src,
                   int        orientation)
{
  g_autoptr(GdkPixbuf) tmp = NULL;

  switch (orientation)
    {
    case 2:
      return gdk_pixbuf_flip (src, TRUE);
    case 3:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4:
      return gdk_pixbuf_flip (src, FALSE);
    case 5:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return tmp ? gdk_pixbuf_flip (tmp, TRUE) : NULL;
    case 6:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return tmp ? gdk_pixbuf_flip (tmp, TRUE) : NULL;
    case 8:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default:
      return g_object_ref (src);
    }
}

static GdkPixbuf *
rotate_quarter_turns (GdkPixbuf *src,
                      int        turns)
{
  switch (((turns % 4) + 4) % 4)
    {
    case 1:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 2:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 3:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default:
      return g_object_ref (src);
    }
}

/* Upright, rotated and cropped, from a decoded picture. */
static GdkPixbuf *
make_upright (GdkPixbuf                *decoded,
              int                       orientation,
              const ComptoirPhotoEdit  *edit,
              GError                  **error)
{
  g_autoptr(GdkPixbuf) upright = apply_orientation (decoded, orientation);
  g_autoptr(GdkPixbuf) rotated = NULL;
  int width, height, x, y, w, h;

  if (upright == NULL)
    {
      comptoir_photo_set_no_memory_error (error);
      return NULL;
    }
  if (edit == NULL)
    return g_steal_pointer (&upright);

  rotated = rotate_quarter_turns (upright, edit->rotate_quarter_turns);
  if (rotated == NULL)
    {
      comptoir_photo_set_no_memory_error (error);
      return NULL;
    }
  if (!edit->crop)
    return g_steal_pointer (&rotated);

  width = gdk_pixbuf_get_width (rotated);
  height = gdk_pixbuf_get_height (rotated);
  x = CLAMP ((int) (edit->crop_x * width + 0.5), 0, width - 1);
  y = CLAMP ((int) (edit->crop_y * height + 0.5), 0, height - 1);
  w = CLAMP ((int) (edit->crop_w * width + 0.5), 1, width - x);
  h = CLAMP ((int) (edit->crop_h * height + 0.5), 1, height - y);

  /* A square crop stays square despite rounding. */
  if (ABS (edit->crop_w * width - edit->crop_h * height) < 1.0)
    w = h = MIN (w, h);

  return gdk_pixbuf_new_subpixbuf (rotated, x, y, w, h);
}

static GdkPixbuf *
flatten (GdkPixbuf *src)
{
  GdkPixbuf *dest;
  int width = gdk_pixbuf_get_width (src);
  int height = gdk_pixbuf_get_height (src);

  if (!gdk_pixbuf_get_has_alpha (src))
    return g_object_ref (src);

  /* Transparent parts become white, like the page they are shown on. */
  dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  if (dest == NULL)
    return NULL;
  gdk_pixbuf_fill (dest, 0xffffffff);
  gdk_pixbuf_composite (src, dest, 0, 0, width, height, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return dest;
}

static GdkPixbuf *
fit (GdkPixbuf *src,
     int        max_side)
{
  int width, height;

  fit_size (gdk_pixbuf_get_width (src), gdk_pixbuf_get_height (src), max_side, &width, &height);
  if (width == gdk_pixbuf_get_width (src) && height == gdk_pixbuf_get_height (src))
    return g_object_ref (src);
  return gdk_pixbuf_scale_simple (src, width, height, GDK_INTERP_BILINEAR);
}

/* Storage */

static gboolean
write_media_file (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local_error = NULL;

  /* Same name, same content: an identical photo is already there. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                   _("The photo could not be saved with your shop’s data: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* CONSISTENT writes a temporary file and renames it over: a crash
   * never leaves half a photo under its final name. */
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                   _("The photo could not be saved with your shop’s data: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *hash;
  int         width;
  int         height;
  gsize       size;
} MediaRow;

static gboolean
insert_media_tx (ComptoirStore  *store,
                 gpointer        user_data,
                 GError        **error)
{
  MediaRow *row = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();

  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO media (hash, mime_type, width, height, size, created_at) "
                                 "VALUES (?, 'image/jpeg', ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, row->width);
  sqlite3_bind_int (stmt, 3, row->height);
  sqlite3_bind_int64 (stmt, 4, row->size);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  return comptoir_store_step_done (store, stmt, error);
}

/* The whole pipeline, in the calling thread. */

static char *
import_bytes (ComptoirStore            *store,
              GBytes                   *bytes,
              const ComptoirPhotoEdit  *edit,
              GCancellable             *cancellable,
              GError                  **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int orientation = 1;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) edited = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GdkPixbuf) web = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GBytes) web_bytes = NULL;
  g_autoptr(GBytes) thumb_bytes = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *web_path = NULL;
  g_autofree char *thumb_path = NULL;
  MediaRow row;

  if (len == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This file is empty: it does not contain a photo."));
      return NULL;
    }
  if (len > COMPTOIR_PHOTO_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This file is too large to be a photo (more than 100 MB)."));
      return NULL;
    }
  if (!edit_is_valid (edit, error))
    return NULL;

  decoded = comptoir_photo_decode (data, len, edit, &orientation, error);
  if (decoded == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  edited = make_upright (decoded, orientation, edit, error);
  if (edited == NULL)
    return NULL;
  g_clear_object (&decoded);

  flat = flatten (edited);
  web = flat ? fit (flat, COMPTOIR_PHOTO_WEB_SIZE) : NULL;
  thumb = web ? fit (web, COMPTOIR_PHOTO_THUMBNAIL_SIZE) : NULL;
  if (thumb == NULL)
    {
      comptoir_photo_set_no_memory_error (error);
      return NULL;
    }

  web_bytes = comptoir_photo_encode_jpeg (web);
  thumb_bytes = comptoir_photo_encode_jpeg (thumb);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, web_bytes);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Files first, then the row: a crash in between leaves an unused file,
   * never a row without its file. */
  web_path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_WEB);
  thumb_path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_THUMBNAIL);
  if (!write_media_file (thumb_path, thumb_bytes, error)
      || !write_media_file (web_path, web_bytes, error))
    return NULL;

  row.hash = hash;
  row.width = gdk_pixbuf_get_width (web);
  row.height = gdk_pixbuf_get_height (web);
  row.size = g_bytes_get_size (web_bytes);
  if (!comptoir_store_transaction (store, insert_media_tx, &row, error))
    return NULL;

  return g_steal_pointer (&hash);
}

static GBytes *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > COMPTOIR_PHOTO_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This file is too large to be a photo (more than 100 MB)."));
      return NULL;
    }

  if (info == NULL || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_basename (file);

      /* GIO's message names the full path in system words: say it plainly,
       * with the file's name only. */
      g_debug ("Cannot read %s: %s", g_file_peek_path (file) ? g_file_peek_path (file) : name,
               local_error->message);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                     _("“%s” cannot be found any more. Was it moved or deleted?"), name);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                     _("Comptoir is not allowed to read “%s”."), name);
      else
        g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                     _("“%s” cannot be opened. Try copying the photo to your computer first."), name);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ComptoirStore *store = source_object;
  ImportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  char *hash;

  if (data->bytes != NULL)
    bytes = g_bytes_ref (data->bytes);
  else
    bytes = load_file (data->file, cancellable, &error);

  hash = bytes ? import_bytes (store, bytes, data->has_edit ? &data->edit : NULL, cancellable, &error) : NULL;
  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
start_import (ComptoirStore            *store,
              GFile                    *file,
              GBytes                   *bytes,
              const ComptoirPhotoEdit  *edit,
              GCancellable             *cancellable,
              GAsyncReadyCallback       callback,
              gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);

  g_task_set_source_tag (task, comptoir_photo_import_async);
  data->file = file ? g_object_ref (file) : NULL;
  data->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  if (edit != NULL)
    {
      data->has_edit = TRUE;
      data->edit = *edit;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * comptoir_photo_import_async:
 * @store: the store the media row goes to
 * @file: the picture
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context
 * @user_data: closure
 *
 * Reads, decodes, turns upright, edits and stores @file in a worker
 * thread. Finish with comptoir_photo_import_finish().
 */
void
comptoir_photo_import_async (ComptoirStore            *store,
                             GFile                    *file,
                             const ComptoirPhotoEdit  *edit,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_return_if_fail (COMPTOIR_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  start_import (store, file, NULL, edit, cancellable, callback, user_data);
}

/**
 * comptoir_photo_import_bytes_async:
 * @store: the store the media row goes to
 * @bytes: an encoded picture (a pasted image, a camera frame saved as PNG)
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context
 * @user_data: closure
 *
 * Like comptoir_photo_import_async(), from memory.
 */
void
comptoir_photo_import_bytes_async (ComptoirStore            *store,
                                   GBytes                   *bytes,
                                   const ComptoirPhotoEdit  *edit,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_return_if_fail (COMPTOIR_IS_STORE (store));
  g_return_if_fail (bytes != NULL);

  start_import (store, NULL, bytes, edit, cancellable, callback, user_data);
}

/**
 * comptoir_photo_import_finish:
 * @store: the store
 * @result: the result
 * @error: a #GError, in %COMPTOIR_ERROR (%COMPTOIR_ERROR_IMAGE for a file
 *   that is not a usable photo)
 *
 * Returns: (transfer full): the media hash (64 hexadecimal digits), or %NULL
 */
char *
comptoir_photo_import_finish (ComptoirStore  *store,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A caller's mistake (no store, no picture): still a critical, but the
 * synchronous imports promise an error whenever they return %NULL, and
 * their callers hand that error on (to a GTask, to the CSV report). */
static char *
import_misuse (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED,
                       _("The photo could not be added. Try again."));
  g_return_val_if_reached (NULL);
}

/**
 * comptoir_photo_import_sync:
 * @store: the store the media row goes to
 * @file: the picture
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * The same as comptoir_photo_import_async(), in the calling thread: for CSV
 * import and the command line, never for the main thread of the app.
 *
 * Returns: (transfer full): the media hash, or %NULL
 */
char *
comptoir_photo_import_sync (ComptoirStore            *store,
                            GFile                    *file,
                            const ComptoirPhotoEdit  *edit,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!COMPTOIR_IS_STORE (store) || !G_IS_FILE (file))
    return import_misuse (error);

  bytes = load_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return import_bytes (store, bytes, edit, cancellable, error);
}

/**
 * comptoir_photo_import_bytes_sync:
 * @store: the store the media row goes to
 * @bytes: an encoded picture
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: (transfer full): the media hash, or %NULL
 */
char *
comptoir_photo_import_bytes_sync (ComptoirStore            *store,
                                  GBytes                   *bytes,
                                  const ComptoirPhotoEdit  *edit,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  if (!COMPTOIR_IS_STORE (store) || bytes == NULL)
    return import_misuse (error);

  return import_bytes (store, bytes, edit, cancellable, error);
}
