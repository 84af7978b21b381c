// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-photo-strip"

#include "config.h"

#include <glib/gi18n.h>

#ifdef HAVE_CAMERA
#include "comptoir-camera-window.h"
#endif
#include "comptoir-photo-pipeline.h"
#include "comptoir-photo-strip-private.h"

/* How photos get into the strip: files from the chooser or dropped, pasted
 * images and webcam frames, all through the photo pipeline in a worker
 * thread, with a placeholder tile where each one will appear. */

typedef struct
{
  ComptoirPhotoStrip *self;
  guint               id;
  char               *name;
} ImportClosure;

static void
import_closure_free (ImportClosure *closure)
{
  g_object_unref (closure->self);
  g_free (closure->name);
  g_free (closure);
}

static void
finish_import (ImportClosure *closure,
               char          *hash_in,
               GError        *error_in)
{
  ComptoirPhotoStrip *self = closure->self;
  g_autoptr(GError) error = error_in;
  g_autofree char *hash = hash_in;
  int index = -1;

  for (guint i = 0; i < self->items->len; i++)
    if (((ComptoirPhotoStripItem *) g_ptr_array_index (self->items, i))->id == closure->id)
      index = (int) i;

  comptoir_photo_strip_set_pending (self, -1);

  /* Gone: the list was replaced meanwhile, or the strip closed. */
  if (index < 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      import_closure_free (closure);
      return;
    }

  if (hash == NULL)
    {
      g_ptr_array_remove_index (self->items, index);
      comptoir_photo_strip_show_error (self, closure->name, error->message);
      comptoir_photo_strip_rebuild_tiles (self);
    }
  else if (comptoir_photo_strip_find_hash (self, hash) >= 0)
    {
      /* The same photo twice: it is already there. */
      g_ptr_array_remove_index (self->items, index);
      comptoir_photo_strip_rebuild_tiles (self);
    }
  else
    {
      ComptoirPhotoStripItem *item = g_ptr_array_index (self->items, index);
      item->hash = g_steal_pointer (&hash);
      comptoir_photo_strip_emit_changed (self);
    }
  import_closure_free (closure);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError *error = NULL;
  char *hash = comptoir_photo_import_finish (COMPTOIR_STORE (source), result, &error);

  finish_import (user_data, hash, error);
}

/* A pasted or captured image: encoded as PNG, then through the pipeline,
 * all in the worker thread. */
static void
import_texture_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ComptoirStore *store = source_object;
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (task_data);
  GError *error = NULL;
  char *hash = comptoir_photo_import_bytes_sync (store, png, NULL, cancellable, &error);

  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
import_texture_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GError *error = NULL;
  char *hash = g_task_propagate_pointer (G_TASK (result), &error);

  finish_import (user_data, hash, error);
}

static ImportClosure *
start_pending (ComptoirPhotoStrip *self,
               const char         *name)
{
  ComptoirPhotoStripItem *item = g_new0 (ComptoirPhotoStripItem, 1);
  ImportClosure *closure = g_new0 (ImportClosure, 1);

  item->id = ++self->next_id;
  g_ptr_array_add (self->items, item);
  closure->self = g_object_ref (self);
  closure->id = item->id;
  closure->name = g_strdup (name);
  comptoir_photo_strip_set_pending (self, +1);
  return closure;
}

/**
 * comptoir_photo_strip_add_files:
 * @self: a #ComptoirPhotoStrip
 * @files: a list of #GFile
 *
 * Imports @files through the photo pipeline, in a worker thread, and
 * appends them in that order; the files that cannot be used are named in
 * the strip with the reason. Used by the file chooser and drag and drop.
 */
void
comptoir_photo_strip_add_files (ComptoirPhotoStrip *self,
                                GListModel         *files)
{
  guint n;

  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));
  g_return_if_fail (self->store != NULL);

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *name = g_file_get_basename (file);
      ImportClosure *closure = start_pending (self, name);

      comptoir_photo_import_async (self->store, file, NULL, self->cancellable, import_done_cb, closure);
    }
  if (n > 0)
    comptoir_photo_strip_rebuild_tiles (self);
}

/**
 * comptoir_photo_strip_add_bytes:
 * @self: a #ComptoirPhotoStrip
 * @bytes: an encoded image (PNG, JPEG…)
 *
 * Like comptoir_photo_strip_add_files(), for a pasted or captured image.
 */
void
comptoir_photo_strip_add_bytes (ComptoirPhotoStrip *self,
                                GBytes             *bytes)
{
  ImportClosure *closure;

  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (self->store != NULL);

  closure = start_pending (self, NULL);
  comptoir_photo_import_bytes_async (self->store, bytes, NULL, self->cancellable, import_done_cb, closure);
  comptoir_photo_strip_rebuild_tiles (self);
}

void
comptoir_photo_strip_add_texture (ComptoirPhotoStrip *self,
                                  GdkTexture         *texture)
{
  ImportClosure *closure;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));
  g_return_if_fail (self->store != NULL);

  closure = start_pending (self, NULL);
  task = g_task_new (self->store, self->cancellable, import_texture_done_cb, closure);
  g_task_set_task_data (task, g_object_ref (texture), g_object_unref);
  g_task_run_in_thread (task, import_texture_thread);
  comptoir_photo_strip_rebuild_tiles (self);
}

static void
add_file_list (ComptoirPhotoStrip *self,
               GSList             *list)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  comptoir_photo_strip_add_files (self, G_LIST_MODEL (files));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     ComptoirPhotoStrip *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      comptoir_photo_strip_add_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static gboolean
strip_drop_cb (GtkDropTarget      *target,
               const GValue       *value,
               double              x,
               double              y,
               ComptoirPhotoStrip *self)
{
  if (self->store == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    add_file_list (self, g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    comptoir_photo_strip_add_texture (self, g_value_get_object (value));
  else
    return FALSE;
  return TRUE;
}

static void
clipboard_files_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ComptoirPhotoStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (value == NULL)
    comptoir_photo_strip_show_error (self, NULL, _("The copied files could not be read. Copy them again, then paste."));
  else if (self->store != NULL) /* the strip may have been emptied meanwhile */
    add_file_list (self, g_value_get_boxed (value));
}

static void
clipboard_texture_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ComptoirPhotoStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);

  if (texture == NULL)
    comptoir_photo_strip_show_error (self, NULL, _("The copied image could not be read. Copy it again, then paste."));
  else if (self->store != NULL) /* the strip may have been emptied meanwhile */
    comptoir_photo_strip_add_texture (self, texture);
}


static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (C_("photos", "Add Photos"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         C_("photos", "_Add"), C_("photos", "_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, C_("photos", "Photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/gif");
  gtk_file_filter_add_mime_type (filter, "image/bmp");
  gtk_file_filter_add_mime_type (filter, "image/tiff");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  /* Another application offers MIME types (image/png…): add the types
   * GDK can turn them into. */
  g_autoptr(GdkContentFormats) formats =
    gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  if (self->store == NULL)
    return;

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, clipboard_files_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, clipboard_texture_cb, g_object_ref (self));
  else
    comptoir_photo_strip_show_error (self, NULL, _("There is no image to paste. Copy a photo first, then paste it here."));
}


#ifdef HAVE_CAMERA
static void
camera_captured_cb (ComptoirCameraWindow *window,
                    GdkTexture           *frame,
                    ComptoirPhotoStrip   *self)
{
  if (self->store != NULL)
    comptoir_photo_strip_add_texture (self, frame);
}

static void
camera_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ComptoirCameraWindow *window;

  if (self->store == NULL)
    return;

  window = comptoir_camera_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (window, "captured", G_CALLBACK (camera_captured_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}
#endif

void
comptoir_photo_strip_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "strip.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "strip.paste", NULL, paste_action);
#ifdef HAVE_CAMERA
  gtk_widget_class_install_action (widget_class, "strip.camera", NULL, camera_action);
#endif
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "strip.paste", NULL);
}

void
comptoir_photo_strip_init_import (ComptoirPhotoStrip *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  /* Photos dropped from the file manager, or an image from a browser. */
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (strip_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
