// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-photo-strip"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-media-store.h"
#include "comptoir-photo-editor.h"
#include "comptoir-photo-strip-private.h"

/* The photos of a product, in order, the first one being the cover. The
 * strip only edits its list of media hashes; the owner saves it. */

#define TILE_SIZE 120

G_DEFINE_FINAL_TYPE (ComptoirPhotoStrip, comptoir_photo_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
item_free (ComptoirPhotoStripItem *item)
{
  g_free (item->hash);
  g_free (item);
}

int
comptoir_photo_strip_find_hash (ComptoirPhotoStrip *self,
           const char         *hash)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      ComptoirPhotoStripItem *item = g_ptr_array_index (self->items, i);
      if (g_strcmp0 (item->hash, hash) == 0)
        return (int) i;
    }
  return -1;
}

static guint
count_photos (ComptoirPhotoStrip *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n += ((ComptoirPhotoStripItem *) g_ptr_array_index (self->items, i))->hash != NULL;
  return n;
}

void
comptoir_photo_strip_emit_changed (ComptoirPhotoStrip *self)
{
  comptoir_photo_strip_rebuild_tiles (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
comptoir_photo_strip_set_pending (ComptoirPhotoStrip *self,
             int                 delta)
{
  gboolean was_busy = self->n_pending > 0;

  self->n_pending += delta;
  if (was_busy != (self->n_pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
comptoir_photo_strip_show_error (ComptoirPhotoStrip *self,
            const char         *name,
            const char         *message)
{
  if (self->errors->len > 0)
    g_string_append_c (self->errors, '\n');
  if (name != NULL)
    /* Translators: a file name, then why it could not be added */
    g_string_append_printf (self->errors, _("“%s” was not added: %s"), name, message);
  else
    g_string_append (self->errors, message);

  /* Plain text: messages may quote file names. */
  gtk_label_set_text (self->error_label, self->errors->str);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* Thumbnails, read off the main thread. */

static void
load_thumbnail_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *hash = task_data;
  g_autofree char *path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_THUMBNAIL);
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
set_picture_paintables (GtkWidget  *widget,
                        const char *hash,
                        GdkTexture *texture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "hash"), hash) == 0)
        gtk_image_set_from_paintable (GTK_IMAGE (child), GDK_PAINTABLE (texture));
      else
        set_picture_paintables (child, hash, texture);
    }
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ComptoirPhotoStrip) self = user_data;
  const char *hash = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      /* The tile keeps its placeholder; the photo itself is still there
       * to publish if only the thumbnail went missing. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Thumbnail %s: %s", hash, error->message);
      g_hash_table_remove (self->loading, hash);
      return;
    }

  g_hash_table_insert (self->textures, g_strdup (hash), g_object_ref (texture));
  g_hash_table_remove (self->loading, hash);
  set_picture_paintables (GTK_WIDGET (self->tiles_box), hash, texture);
}

static void
load_thumbnail (ComptoirPhotoStrip *self,
                const char         *hash)
{
  g_autoptr(GTask) task = NULL;

  if (g_hash_table_contains (self->textures, hash) || g_hash_table_contains (self->loading, hash))
    return;

  g_hash_table_add (self->loading, g_strdup (hash));
  task = g_task_new (self, self->cancellable, thumbnail_loaded_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (hash), g_free);
  g_task_run_in_thread (task, load_thumbnail_thread);
}

/* Tiles */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 const char    *hash)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, hash);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *picture)
{
  GdkPaintable *paintable = gtk_image_get_paintable (GTK_IMAGE (picture));

  if (paintable != NULL)
    gtk_drag_source_set_icon (source, paintable, TILE_SIZE / 2, TILE_SIZE / 2);
}

static gboolean
tile_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              GtkWidget     *tile)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (gtk_widget_get_ancestor (tile, COMPTOIR_TYPE_PHOTO_STRIP));
  const char *hash = g_value_get_string (value);
  const char *target_hash = g_object_get_data (G_OBJECT (tile), "hash");
  int from = comptoir_photo_strip_find_hash (self, hash);
  int to = comptoir_photo_strip_find_hash (self, target_hash);

  /* Only our own photos are moved this way. */
  if (from < 0 || to < 0)
    return FALSE;
  comptoir_photo_strip_move (self, from, to);
  return TRUE;
}

static void
menu_append (GMenu      *menu,
             const char *label,
             const char *action,
             const char *hash)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (hash));
  g_menu_append_item (menu, item);
}

static GtkWidget *
create_photo_tile (ComptoirPhotoStrip *self,
                   guint               position,
                   guint               n_photos,
                   const char         *hash)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_image_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autofree char *label = NULL;
  GtkDragSource *source;
  GtkDropTarget *target;
  GdkTexture *texture = g_hash_table_lookup (self->textures, hash);

  g_object_set_data_full (G_OBJECT (overlay), "hash", g_strdup (hash), g_free);
  g_object_set_data_full (G_OBJECT (picture), "hash", g_strdup (hash), g_free);
  gtk_widget_set_size_request (overlay, TILE_SIZE, TILE_SIZE);
  gtk_widget_add_css_class (overlay, "card");
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);

  /* An image, not a picture: it keeps the tile at its size whatever the
   * thumbnail's. */
  gtk_image_set_pixel_size (GTK_IMAGE (picture), TILE_SIZE);
  if (texture != NULL)
    gtk_image_set_from_paintable (GTK_IMAGE (picture), GDK_PAINTABLE (texture));
  else
    load_thumbnail (self, hash);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);

  if (position == 0)
    {
      /* Translators: label on the photo shown first, on lists and pages */
      GtkWidget *badge = gtk_label_new (C_("photos", "Cover"));
      gtk_widget_add_css_class (badge, "osd");
      gtk_widget_add_css_class (badge, "caption");
      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_widget_set_valign (badge, GTK_ALIGN_END);
      gtk_widget_set_margin_start (badge, 6);
      gtk_widget_set_margin_bottom (badge, 6);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), badge);
      /* Translators: spoken for the first photo; %u are numbers */
      label = g_strdup_printf (_("Photo %u of %u, cover"), position + 1, n_photos);
    }
  else
    /* Translators: spoken for a photo; %u are numbers */
    label = g_strdup_printf (_("Photo %u of %u"), position + 1, n_photos);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (position > 0)
    menu_append (menu, C_("photos", "Use as Cover"), "strip.cover", hash);
  menu_append (menu, C_("photos", "Rotate or Crop…"), "strip.edit", hash);
  if (position > 0)
    menu_append (order, C_("photos", "Move Left"), "strip.move-left", hash);
  if (position + 1 < n_photos)
    menu_append (order, C_("photos", "Move Right"), "strip.move-right", hash);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  {
    g_autoptr(GMenu) remove = g_menu_new ();
    menu_append (remove, C_("photos", "Remove"), "strip.remove", hash);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, C_("photos", "Photo Options"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("photos", "Photo Options"), -1);
  gtk_widget_add_css_class (menu_button, "osd");
  gtk_widget_add_css_class (menu_button, "circular");
  gtk_widget_set_halign (menu_button, GTK_ALIGN_END);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (menu_button, 6);
  gtk_widget_set_margin_end (menu_button, 6);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), menu_button);

  /* Reorder by dragging one photo onto another. */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_data (source, "prepare", G_CALLBACK (drag_prepare_cb), g_strdup (hash),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), picture);
  gtk_widget_add_controller (overlay, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (tile_drop_cb), overlay);
  gtk_widget_add_controller (overlay, GTK_EVENT_CONTROLLER (target));

  return overlay;
}

static GtkWidget *
create_pending_tile (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (C_("photos", "Adding…"));

  gtk_widget_set_size_request (box, TILE_SIZE, TILE_SIZE);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_valign (spinner, GTK_ALIGN_END);
  gtk_widget_set_vexpand (spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Adding a photo"), -1);
  return box;
}

static GtkWidget *
create_add_tile (void)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  GtkWidget *label = gtk_label_new (C_("photos", "Add Photos"));

  gtk_widget_set_size_request (button, TILE_SIZE, TILE_SIZE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "strip.add");
  gtk_widget_set_tooltip_text (button, _("Add photos from your files. You can also drop photos here, or paste an image with Ctrl+V."));
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  return button;
}

#ifdef HAVE_CAMERA
static GtkWidget *
create_camera_tile (void)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("camera-photo-symbolic");
  GtkWidget *label = gtk_label_new (C_("photos", "Take a Photo"));

  gtk_widget_set_size_request (button, TILE_SIZE, TILE_SIZE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "strip.camera");
  gtk_widget_set_tooltip_text (button, _("Take a photo with the webcam"));
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  return button;
}
#endif

void
comptoir_photo_strip_rebuild_tiles (ComptoirPhotoStrip *self)
{
  GtkWidget *child;
  guint n_photos = count_photos (self);
  guint position = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box))) != NULL)
    gtk_box_remove (self->tiles_box, child);

  for (guint i = 0; i < self->items->len; i++)
    {
      ComptoirPhotoStripItem *item = g_ptr_array_index (self->items, i);

      if (item->hash != NULL)
        gtk_box_append (self->tiles_box, create_photo_tile (self, position++, n_photos, item->hash));
      else
        gtk_box_append (self->tiles_box, create_pending_tile ());
    }
  gtk_box_append (self->tiles_box, create_add_tile ());
#ifdef HAVE_CAMERA
  gtk_box_append (self->tiles_box, create_camera_tile ());
#endif
}

static void
toast_undo_cb (AdwToast           *toast,
               ComptoirPhotoStrip *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "strip.undo-remove", NULL);
}

/* Actions */

static void
cover_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  int index = comptoir_photo_strip_find_hash (self, g_variant_get_string (parameter, NULL));

  if (index > 0)
    comptoir_photo_strip_move (self, index, 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  int index = comptoir_photo_strip_find_hash (self, g_variant_get_string (parameter, NULL));
  int to = g_str_equal (action_name, "strip.move-left") ? index - 1 : index + 1;

  if (index >= 0 && to >= 0 && to < (int) self->items->len)
    comptoir_photo_strip_move (self, index, to);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  int index = comptoir_photo_strip_find_hash (self, g_variant_get_string (parameter, NULL));
  AdwToast *toast;

  if (index < 0)
    return;

  g_free (self->removed_hash);
  self->removed_hash = g_strdup (g_variant_get_string (parameter, NULL));
  self->removed_position = index;
  g_ptr_array_remove_index (self->items, index);
  gtk_widget_action_set_enabled (widget, "strip.undo-remove", TRUE);
  comptoir_photo_strip_emit_changed (self);

  toast = adw_toast_new (C_("photos", "Photo removed"));
  adw_toast_set_button_label (toast, C_("photos", "_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
  adw_toast_overlay_add_toast (self->external_overlay ? self->external_overlay : self->toast_overlay, toast);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  ComptoirPhotoStripItem *item;

  if (self->removed_hash == NULL || comptoir_photo_strip_find_hash (self, self->removed_hash) >= 0)
    return;

  item = g_new0 (ComptoirPhotoStripItem, 1);
  item->id = ++self->next_id;
  item->hash = g_steal_pointer (&self->removed_hash);
  g_ptr_array_insert (self->items, MIN (self->removed_position, self->items->len), item);
  gtk_widget_action_set_enabled (widget, "strip.undo-remove", FALSE);
  comptoir_photo_strip_emit_changed (self);
}

static void
editor_done_cb (ComptoirPhotoEditor *editor,
                const char          *new_hash,
                ComptoirPhotoStrip  *self)
{
  const char *old_hash = g_object_get_data (G_OBJECT (editor), "strip-hash");
  int index = comptoir_photo_strip_find_hash (self, old_hash);

  if (index < 0 || g_str_equal (old_hash, new_hash))
    return;

  if (comptoir_photo_strip_find_hash (self, new_hash) >= 0)
    g_ptr_array_remove_index (self->items, index);
  else
    {
      ComptoirPhotoStripItem *item = g_ptr_array_index (self->items, index);
      g_free (item->hash);
      item->hash = g_strdup (new_hash);
    }
  comptoir_photo_strip_emit_changed (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);
  const char *hash = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  ComptoirPhotoEditor *editor;

  if (self->store == NULL || comptoir_photo_strip_find_hash (self, hash) < 0)
    return;

  editor = comptoir_photo_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, hash);
  g_object_set_data_full (G_OBJECT (editor), "strip-hash", g_strdup (hash), g_free);
  g_signal_connect_object (editor, "done", G_CALLBACK (editor_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (widget);

  g_string_truncate (self->errors, 0);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* Overrides */

static void
comptoir_photo_strip_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, comptoir_photo_strip_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_photo_strip_dispose (GObject *object)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PHOTO_STRIP);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->external_overlay);

  G_OBJECT_CLASS (comptoir_photo_strip_parent_class)->dispose (object);
}

static void
comptoir_photo_strip_finalize (GObject *object)
{
  ComptoirPhotoStrip *self = COMPTOIR_PHOTO_STRIP (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_string_free (self->errors, TRUE);
  g_free (self->removed_hash);

  G_OBJECT_CLASS (comptoir_photo_strip_parent_class)->finalize (object);
}

static void
comptoir_photo_strip_class_init (ComptoirPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = comptoir_photo_strip_get_property;
  object_class->dispose = comptoir_photo_strip_dispose;
  object_class->finalize = comptoir_photo_strip_finalize;

  /**
   * ComptoirPhotoStrip:busy:
   *
   * Whether photos are being imported: the list is not final yet.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ComptoirPhotoStrip::changed:
   *
   * The merchant added, removed, reordered or edited a photo.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-photo-strip.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoStrip, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoStrip, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoStrip, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPhotoStrip, error_label);

  gtk_widget_class_install_action (widget_class, "strip.cover", "s", cover_action);
  gtk_widget_class_install_action (widget_class, "strip.move-left", "s", move_action);
  gtk_widget_class_install_action (widget_class, "strip.move-right", "s", move_action);
  gtk_widget_class_install_action (widget_class, "strip.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "strip.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_install_action (widget_class, "strip.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "strip.dismiss-error", NULL, dismiss_error_action);
  comptoir_photo_strip_class_init_import (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
comptoir_photo_strip_init (ComptoirPhotoStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->errors = g_string_new (NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strip.undo-remove", FALSE);

  comptoir_photo_strip_init_import (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("photos", "Photos"), -1);
  comptoir_photo_strip_rebuild_tiles (self);
}

/* Public API */

GtkWidget *
comptoir_photo_strip_new (void)
{
  return g_object_new (COMPTOIR_TYPE_PHOTO_STRIP, NULL);
}

void
comptoir_photo_strip_set_store (ComptoirPhotoStrip *self,
                                ComptoirStore      *store)
{
  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * comptoir_photo_strip_set_toast_overlay:
 * @self: a #ComptoirPhotoStrip
 * @overlay: (nullable): where to show the "Photo removed" toast
 *
 * By default the toast shows over the strip itself; a page that has its
 * own overlay passes it here.
 */
void
comptoir_photo_strip_set_toast_overlay (ComptoirPhotoStrip *self,
                                        AdwToastOverlay    *overlay)
{
  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  g_set_weak_pointer (&self->external_overlay, overlay);
}

/**
 * comptoir_photo_strip_set_hashes:
 * @self: a #ComptoirPhotoStrip
 * @hashes: (nullable): media hashes, cover first
 *
 * Shows these photos. Does not emit #ComptoirPhotoStrip::changed; imports
 * still running are forgotten.
 */
void
comptoir_photo_strip_set_hashes (ComptoirPhotoStrip *self,
                                 const char * const *hashes)
{
  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; hashes != NULL && hashes[i] != NULL; i++)
    {
      ComptoirPhotoStripItem *item;

      if (!comptoir_media_hash_is_valid (hashes[i]) || comptoir_photo_strip_find_hash (self, hashes[i]) >= 0)
        continue;
      item = g_new0 (ComptoirPhotoStripItem, 1);
      item->id = ++self->next_id;
      item->hash = g_strdup (hashes[i]);
      g_ptr_array_add (self->items, item);
    }
  g_clear_pointer (&self->removed_hash, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strip.undo-remove", FALSE);
  dismiss_error_action (GTK_WIDGET (self), NULL, NULL);
  comptoir_photo_strip_rebuild_tiles (self);
}

/**
 * comptoir_photo_strip_get_hashes:
 * @self: a #ComptoirPhotoStrip
 *
 * Returns: (transfer full): the media hashes shown, cover first, without
 *   the photos still being imported
 */
char **
comptoir_photo_strip_get_hashes (ComptoirPhotoStrip *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (COMPTOIR_IS_PHOTO_STRIP (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      ComptoirPhotoStripItem *item = g_ptr_array_index (self->items, i);
      if (item->hash != NULL)
        g_strv_builder_add (builder, item->hash);
    }
  return g_strv_builder_end (builder);
}

gboolean
comptoir_photo_strip_get_busy (ComptoirPhotoStrip *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PHOTO_STRIP (self), FALSE);

  return self->n_pending > 0;
}

/**
 * comptoir_photo_strip_move:
 * @self: a #ComptoirPhotoStrip
 * @from: index of a photo
 * @to: its new index (0 makes it the cover)
 */
void
comptoir_photo_strip_move (ComptoirPhotoStrip *self,
                           guint               from,
                           guint               to)
{
  ComptoirPhotoStripItem *item;

  g_return_if_fail (COMPTOIR_IS_PHOTO_STRIP (self));
  g_return_if_fail (from < self->items->len);
  g_return_if_fail (to < self->items->len);

  if (from == to)
    return;
  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);
  comptoir_photo_strip_emit_changed (self);
}
