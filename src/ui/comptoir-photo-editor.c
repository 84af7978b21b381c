// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-photo-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-photo-editor.h"
#include "comptoir-photo-pipeline.h"

/* Rotate and crop one photo. The merchant sees the result before keeping
 * it; keeping imports the photo again with the edit, so the original
 * stays untouched for the other products that use it. */

#define PREVIEW_SIZE 1024
#define MIN_CROP     0.02

struct _ComptoirPhotoEditor
{
  AdwWindow        parent_instance;

  GtkDrawingArea  *canvas;
  GtkPicture      *result_picture;
  GtkLabel        *result_size_label;
  GtkLabel        *error_label;
  GtkSpinner      *spinner;

  ComptoirStore   *store;
  char            *hash;
  GCancellable    *cancellable;
  GdkPixbuf       *source;    /* preview-sized, upright */
  GdkPixbuf       *preview;   /* source, rotated */
  int              source_width;
  int              source_height;
  int              turns;
  char            *crop_mode; /* "none", "free" or "square" */
  double           crop_x, crop_y, crop_w, crop_h;
  double           drag_x, drag_y;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (ComptoirPhotoEditor, comptoir_photo_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Geometry: crops are fractions of the rotated picture. */

static void
rotated_size (ComptoirPhotoEditor *self,
              double              *width,
              double              *height)
{
  gboolean swap = self->turns % 2 != 0;

  *width = swap ? self->source_height : self->source_width;
  *height = swap ? self->source_width : self->source_height;
}

static void
reset_crop (ComptoirPhotoEditor *self)
{
  double width, height;

  rotated_size (self, &width, &height);
  self->crop_x = self->crop_y = 0;
  self->crop_w = self->crop_h = 1;

  /* The largest centred square. */
  if (g_strcmp0 (self->crop_mode, "square") == 0 && width > 0 && height > 0)
    {
      double side = MIN (width, height);
      self->crop_w = side / width;
      self->crop_h = side / height;
      self->crop_x = (1 - self->crop_w) / 2;
      self->crop_y = (1 - self->crop_h) / 2;
    }
}

static gboolean
has_crop (ComptoirPhotoEditor *self)
{
  return g_strcmp0 (self->crop_mode, "none") != 0
         && (self->crop_x > 0 || self->crop_y > 0 || self->crop_w < 1 || self->crop_h < 1);
}

/* Where the preview is drawn in the canvas. */
static void
preview_rect (ComptoirPhotoEditor *self,
              double              *x,
              double              *y,
              double              *scale)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  int pw = gdk_pixbuf_get_width (self->preview);
  int ph = gdk_pixbuf_get_height (self->preview);

  *scale = MIN ((double) width / pw, (double) height / ph);
  *x = (width - pw * *scale) / 2;
  *y = (height - ph * *scale) / 2;
}

static void
update_result (ComptoirPhotoEditor *self)
{
  double width, height;
  int pw, ph, x, y, w, h;
  g_autoptr(GdkPixbuf) part = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *size = NULL;

  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (self->preview == NULL)
    return;

  pw = gdk_pixbuf_get_width (self->preview);
  ph = gdk_pixbuf_get_height (self->preview);
  x = CLAMP ((int) (self->crop_x * pw), 0, pw - 1);
  y = CLAMP ((int) (self->crop_y * ph), 0, ph - 1);
  w = CLAMP ((int) (self->crop_w * pw + 0.5), 1, pw - x);
  h = CLAMP ((int) (self->crop_h * ph + 0.5), 1, ph - y);
  part = gdk_pixbuf_new_subpixbuf (self->preview, x, y, w, h);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  texture = gdk_texture_new_for_pixbuf (part);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_picture_set_paintable (self->result_picture, GDK_PAINTABLE (texture));

  rotated_size (self, &width, &height);
  /* Translators: the size of the photo that will be kept, in pixels */
  size = g_strdup_printf (_("%d × %d pixels"),
                          (int) MIN (self->crop_w * width + 0.5, COMPTOIR_PHOTO_WEB_SIZE),
                          (int) MIN (self->crop_h * height + 0.5, COMPTOIR_PHOTO_WEB_SIZE));
  gtk_label_set_text (self->result_size_label, size);
}

static void
update_preview (ComptoirPhotoEditor *self)
{
  g_clear_object (&self->preview);
  switch (((self->turns % 4) + 4) % 4)
    {
    case 1:
      self->preview = gdk_pixbuf_rotate_simple (self->source, GDK_PIXBUF_ROTATE_CLOCKWISE);
      break;
    case 2:
      self->preview = gdk_pixbuf_rotate_simple (self->source, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
      break;
    case 3:
      self->preview = gdk_pixbuf_rotate_simple (self->source, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      break;
    default:
      self->preview = g_object_ref (self->source);
    }
  reset_crop (self);
  update_result (self);
}

static void
set_busy (ComptoirPhotoEditor *self,
          gboolean             busy)
{
  gboolean ready = self->source != NULL && !busy;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy || self->source == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.rotate-left", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.rotate-right", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.crop-mode", ready);
}

static void
show_error (ComptoirPhotoEditor *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Loading the photo, off the main thread. */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", &error);
  g_autofree char *contents = NULL;
  gsize len;
  gboolean ok;

  ok = loader != NULL
       && g_file_get_contents (path, &contents, &len, &error)
       && gdk_pixbuf_loader_write (loader, (const guint8 *) contents, len, &error);

  /* Close exactly once, even when it is the close that fails (a short or
   * damaged file); the first error is the one kept. */
  if (loader != NULL && !gdk_pixbuf_loader_close (loader, ok ? &error : NULL))
    ok = FALSE;

  if (ok && gdk_pixbuf_loader_get_pixbuf (loader) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader)), g_object_unref);
      return;
    }

  /* The loaders' messages are in English: keep them for the log and
   * report the failure in the merchant's words. */
  g_debug ("Cannot load %s: %s", path, error != NULL ? error->message : "unknown error");
  g_clear_error (&error);
  g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE, "%s",
                           _("This photo cannot be opened any more. Remove it and add it again."));
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  int width, height;

  if (pixbuf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, error->message);
          gtk_spinner_set_spinning (self->spinner, FALSE);
        }
      return;
    }

  self->source_width = gdk_pixbuf_get_width (pixbuf);
  self->source_height = gdk_pixbuf_get_height (pixbuf);
  if (self->source_width > PREVIEW_SIZE || self->source_height > PREVIEW_SIZE)
    {
      double ratio = (double) PREVIEW_SIZE / MAX (self->source_width, self->source_height);
      width = MAX (1, (int) (self->source_width * ratio + 0.5));
      height = MAX (1, (int) (self->source_height * ratio + 0.5));
      self->source = gdk_pixbuf_scale_simple (pixbuf, width, height, GDK_INTERP_BILINEAR);
    }
  else
    self->source = g_object_ref (pixbuf);

  update_preview (self);
  set_busy (self, FALSE);
}

/* Drawing and dragging */

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ComptoirPhotoEditor *self = user_data;
  double x, y, scale, pw, ph;

  if (self->preview == NULL)
    return;

  preview_rect (self, &x, &y, &scale);
  pw = gdk_pixbuf_get_width (self->preview) * scale;
  ph = gdk_pixbuf_get_height (self->preview) * scale;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gdk_cairo_set_source_pixbuf (cr, self->preview, 0, 0);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_paint (cr);
  cairo_restore (cr);

  if (!has_crop (self))
    return;

  /* Dim what is cut away, outline what is kept. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, x, y, pw, ph);
  cairo_rectangle (cr, x + self->crop_x * pw, y + self->crop_y * ph, self->crop_w * pw, self->crop_h * ph);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_fill (cr);

  cairo_rectangle (cr, x + self->crop_x * pw + 1, y + self->crop_y * ph + 1,
                   self->crop_w * pw - 2, self->crop_h * ph - 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
to_fraction (ComptoirPhotoEditor *self,
             double               wx,
             double               wy,
             double              *fx,
             double              *fy)
{
  double x, y, scale;

  preview_rect (self, &x, &y, &scale);
  *fx = CLAMP ((wx - x) / (gdk_pixbuf_get_width (self->preview) * scale), 0, 1);
  *fy = CLAMP ((wy - y) / (gdk_pixbuf_get_height (self->preview) * scale), 0, 1);
}

static void
drag_begin_cb (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               ComptoirPhotoEditor *self)
{
  if (self->preview == NULL || self->busy)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (g_strcmp0 (self->crop_mode, "none") == 0)
    g_object_set (self, "crop-mode", "free", NULL);
  to_fraction (self, x, y, &self->drag_x, &self->drag_y);
}

static void
drag_update_cb (GtkGestureDrag      *gesture,
                double               offset_x,
                double               offset_y,
                ComptoirPhotoEditor *self)
{
  double start_x, start_y, fx, fy, width, height;
  double x0, y0, x1, y1;

  if (self->preview == NULL)
    return;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  to_fraction (self, start_x + offset_x, start_y + offset_y, &fx, &fy);
  rotated_size (self, &width, &height);

  if (g_strcmp0 (self->crop_mode, "square") == 0)
    {
      /* In pixels, the side is the shorter of the two drags, so that the
       * square stays inside the picture. */
      double dx = (fx - self->drag_x) * width;
      double dy = (fy - self->drag_y) * height;
      double side = MIN (ABS (dx), ABS (dy));

      fx = self->drag_x + (dx < 0 ? -side : side) / width;
      fy = self->drag_y + (dy < 0 ? -side : side) / height;
    }

  x0 = MIN (self->drag_x, fx);
  x1 = MAX (self->drag_x, fx);
  y0 = MIN (self->drag_y, fy);
  y1 = MAX (self->drag_y, fy);
  if (x1 - x0 < MIN_CROP || y1 - y0 < MIN_CROP)
    return;

  self->crop_x = x0;
  self->crop_y = y0;
  self->crop_w = x1 - x0;
  self->crop_h = y1 - y0;
  update_result (self);
}

/* Actions */

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (widget);

  if (self->source == NULL)
    return;
  self->turns = (self->turns + (g_str_equal (action_name, "editor.rotate-left") ? 3 : 1)) % 4;
  update_preview (self);
}

static void
keep_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ComptoirPhotoEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = comptoir_photo_import_finish (COMPTOIR_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (hash == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, hash);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (widget);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  ComptoirPhotoEdit edit = { 0, };

  if (self->source == NULL || self->busy)
    return;

  /* Nothing changed: the original is kept as it is. */
  if (self->turns == 0 && !has_crop (self))
    {
      g_signal_emit (self, signals[DONE], 0, self->hash);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  edit.rotate_quarter_turns = self->turns;
  edit.crop = has_crop (self);
  edit.crop_x = self->crop_x;
  edit.crop_y = self->crop_y;
  edit.crop_w = self->crop_w;
  edit.crop_h = self->crop_h;

  path = comptoir_media_get_path (self->hash, COMPTOIR_MEDIA_WEB);
  file = g_file_new_for_path (path);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  comptoir_photo_import_async (self->store, file, &edit, self->cancellable, keep_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Overrides */

static void
comptoir_photo_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CROP_MODE:
      g_value_set_string (value, self->crop_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_photo_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (object);
  const char *mode;

  switch (prop_id)
    {
    case PROP_CROP_MODE:
      mode = g_value_get_string (value);
      if (g_strcmp0 (mode, "free") != 0 && g_strcmp0 (mode, "square") != 0)
        mode = "none";
      if (g_strcmp0 (mode, self->crop_mode) == 0)
        return;
      g_free (self->crop_mode);
      self->crop_mode = g_strdup (mode);
      reset_crop (self);
      update_result (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_photo_editor_dispose (GObject *object)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PHOTO_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->source);
  g_clear_object (&self->preview);

  G_OBJECT_CLASS (comptoir_photo_editor_parent_class)->dispose (object);
}

static void
comptoir_photo_editor_finalize (GObject *object)
{
  ComptoirPhotoEditor *self = COMPTOIR_PHOTO_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_free (self->hash);
  g_free (self->crop_mode);

  G_OBJECT_CLASS (comptoir_photo_editor_parent_class)->finalize (object);
}

static void
comptoir_photo_editor_class_init (ComptoirPhotoEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = comptoir_photo_editor_get_property;
  object_class->set_property = comptoir_photo_editor_set_property;
  object_class->dispose = comptoir_photo_editor_dispose;
  object_class->finalize = comptoir_photo_editor_finalize;

  /**
   * ComptoirPhotoEditor:crop-mode:
   *
   * "none" (the whole photo), "free" or "square".
   */
  properties[PROP_CROP_MODE] =
    g_param_spec_string ("crop-mode", NULL, NULL, "none",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ComptoirPhotoEditor::done:
   * @hash: the media hash of the edited photo (the original's if nothing
   *   changed)
   *
   * The merchant kept the result; the window closes.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-photo-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoEditor, canvas);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoEditor, result_picture);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoEditor, result_size_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoEditor, spinner);

  gtk_widget_class_install_action (widget_class, "editor.rotate-left", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "editor.rotate-right", NULL, rotate_action);
  gtk_widget_class_install_property_action (widget_class, "editor.crop-mode", "crop-mode");
  gtk_widget_class_install_action (widget_class, "editor.keep", NULL, keep_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK, "editor.rotate-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK, "editor.rotate-right", NULL);
}

static void
comptoir_photo_editor_init (ComptoirPhotoEditor *self)
{
  GtkGesture *drag;

  self->crop_mode = g_strdup ("none");
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->canvas, draw_cb, self, NULL);
  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));

  set_busy (self, FALSE);
}

/**
 * comptoir_photo_editor_new:
 * @parent: (nullable): the window it is modal to
 * @store: the store
 * @hash: the photo to edit
 *
 * Returns: (transfer none): a new editor window; present it and listen to
 *   #ComptoirPhotoEditor::done
 */
ComptoirPhotoEditor *
comptoir_photo_editor_new (GtkWindow     *parent,
                           ComptoirStore *store,
                           const char    *hash)
{
  ComptoirPhotoEditor *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);
  g_return_val_if_fail (comptoir_media_hash_is_valid (hash), NULL);

  self = g_object_new (COMPTOIR_TYPE_PHOTO_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->hash = g_strdup (hash);

  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_task_data (task, comptoir_media_get_path (hash, COMPTOIR_MEDIA_WEB), g_free);
  g_task_run_in_thread (task, load_thread);
  set_busy (self, FALSE);

  return self;
}
