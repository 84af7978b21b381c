// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "comptoir-account.h"
#include "comptoir-outbox.h"
#include "comptoir-shop-export.h"
#include "comptoir-shop-page-private.h"
#include "comptoir-shop.h"

/* My shop: the page builder. Every field saves itself as it is typed,
 * about half a second after the last key, through comptoir_shop_save();
 * invalid text stays in its field with the reason shown under it, and only
 * valid values reach the store. Ctrl+Z puts back the last changed field as
 * it was last saved. The preview beside follows the same ComptoirShop. */

#define SAVE_DELAY_MS 500

typedef struct
{
  char   *property;
  GValue  value;
} UndoEntry;

G_DEFINE_FINAL_TYPE (ComptoirShopPage, comptoir_shop_page, GTK_TYPE_WIDGET)

/* Saving */

static void
undo_entry_free (gpointer data)
{
  UndoEntry *entry = data;

  g_free (entry->property);
  g_value_unset (&entry->value);
  g_free (entry);
}

static void
update_undo_action (ComptoirShopPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.undo", !g_queue_is_empty (&self->undo));
}

/* @text is plain text (it may quote a file or shop name such as
 * “Fleurs & Co”): toast titles are Pango markup, so it is escaped. */
void
comptoir_shop_page_show_toast (ComptoirShopPage *self,
                               const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Writes the shop; unless @for_undo, remembers the saved value of each
 * changed field so that Ctrl+Z can put it back. */
static void
save_now (ComptoirShopPage *self,
          gboolean          for_undo)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->store == NULL || g_hash_table_size (self->pending) == 0)
    return;

  if (!comptoir_shop_save (self->store, self->shop, &error))
    {
      comptoir_shop_page_show_toast (self, error->message);
      gtk_label_set_text (self->save_status, _("Your last change could not be saved."));
      return;
    }

  g_hash_table_iter_init (&iter, self->pending);
  while (!for_undo && g_hash_table_iter_next (&iter, &key, NULL))
    {
      UndoEntry *entry = g_new0 (UndoEntry, 1);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->saved), key);

      entry->property = g_strdup (key);
      g_value_init (&entry->value, pspec->value_type);
      g_object_get_property (G_OBJECT (self->saved), key, &entry->value);
      g_queue_push_head (&self->undo, entry);
    }
  g_hash_table_remove_all (self->pending);

  g_clear_object (&self->saved);
  self->saved = comptoir_shop_copy (self->shop);
  gtk_label_set_text (self->save_status, _("All changes saved on this computer."));
  update_undo_action (self);
}

static gboolean
save_timeout_cb (gpointer data)
{
  ComptoirShopPage *self = data;

  self->save_id = 0;
  save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
comptoir_shop_page_update_status (ComptoirShopPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *status = NULL;

  if (self->status_row == NULL) /* not built yet */
    return;
  status = comptoir_opening_hours_format_status (comptoir_shop_get_opening_hours (self->shop), now);
  adw_action_row_set_subtitle (self->status_row, *status ? status : _("Add your opening hours below."));
}


static gboolean
checklist_idle_cb (gpointer data)
{
  ComptoirShopPage *self = data;

  self->checklist_id = 0;
  comptoir_shop_page_rebuild_checklist (self);
  return G_SOURCE_REMOVE;
}

static void
shop_notify_cb (ComptoirShop     *shop,
                GParamSpec       *pspec,
                ComptoirShopPage *self)
{
  /* the store sets updated-at itself when saving */
  if (g_strcmp0 (pspec->name, "updated-at") == 0)
    return;

  g_hash_table_add (self->pending, g_strdup (pspec->name));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  gtk_label_set_text (self->save_status, _("Saving…"));

  if (g_strcmp0 (pspec->name, "opening-hours") == 0)
    comptoir_shop_page_update_status (self);
  if (self->checklist_id == 0)
    self->checklist_id = g_idle_add (checklist_idle_cb, self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (widget);
  UndoEntry *entry;

  /* what is typed but not yet saved is saved first, so that undo goes
   * back exactly one saved change */
  save_now (self, FALSE);
  entry = g_queue_pop_head (&self->undo);
  if (entry == NULL)
    return;

  g_object_set_property (G_OBJECT (self->shop), entry->property, &entry->value);
  save_now (self, TRUE);
  comptoir_shop_page_load_property (self, entry->property);
  update_undo_action (self);
  undo_entry_free (entry);
}

/* The checklist */

static void
scroll_to_widget (ComptoirShopPage *self,
                  GtkWidget        *target)
{
  graphene_point_t point;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  gtk_toggle_button_set_active (self->preview_toggle, FALSE);
  if (gtk_widget_compute_point (target, GTK_WIDGET (self->editor_box), &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, MAX (0, point.y - 24));
  gtk_widget_grab_focus (target);
}

static GtkWidget *
checklist_target (ComptoirShopPage *self,
                  guint             flag)
{
  switch (flag)
    {
    case COMPTOIR_SHOP_MISSING_NAME:
      return GTK_WIDGET (comptoir_shop_page_find_field (self, "name")->entry);
    case COMPTOIR_SHOP_MISSING_CATEGORY:
      return GTK_WIDGET (self->category);
    case COMPTOIR_SHOP_MISSING_DESCRIPTION:
      return GTK_WIDGET (self->description);
    case COMPTOIR_SHOP_MISSING_LOGO:
      return self->photo_choose[0];
    case COMPTOIR_SHOP_MISSING_COVER:
      return self->photo_choose[1];
    case COMPTOIR_SHOP_MISSING_ADDRESS:
      return GTK_WIDGET (comptoir_shop_page_find_field (self, "street")->entry);
    case COMPTOIR_SHOP_MISSING_PHONE:
      return GTK_WIDGET (comptoir_shop_page_find_field (self, "phone")->entry);
    case COMPTOIR_SHOP_MISSING_HOURS:
      return comptoir_hours_editor_get_first_day_row (self->hours_editor);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A field in the groups just built has no place yet: scroll to it once it
 * is laid out, a frame or two later. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (widget);
  GtkWidget *target = data;
  gint64 *first = g_object_get_data (G_OBJECT (target), "scroll-first-frame");

  if (gtk_widget_get_height (target) == 0 &&
      gdk_frame_clock_get_frame_counter (clock) - *first < 10)
    return G_SOURCE_CONTINUE;
  self->scroll_tick_id = 0;
  scroll_to_widget (self, target);
  return G_SOURCE_REMOVE;
}

static void
checklist_row_activated_cb (GtkListBox       *list,
                            GtkListBoxRow    *row,
                            ComptoirShopPage *self)
{
  guint flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "missing"));
  gboolean was_complete = self->complete;
  GtkWidget *target;

  if (flag == 0)
    return;
  comptoir_shop_page_ensure_complete (self);
  target = checklist_target (self, flag);
  if (was_complete || gtk_widget_get_frame_clock (target) == NULL)
    {
      scroll_to_widget (self, target);
      return;
    }

  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  {
    gint64 *first = g_new (gint64, 1);

    *first = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (target));
    g_object_set_data_full (G_OBJECT (target), "scroll-first-frame", first, g_free);
  }
  self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                       g_object_ref (target), g_object_unref);
}

/* A checklist item is one short line: a plain row with a label that does
 * not wrap (GTK 4.8 measures a wrapping label many times over, and these
 * rows are on the first screen of a new shop). */
static GtkWidget *
checklist_row_new (const char *name,
                   const char *title)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_name (row, name);
  comptoir_shop_page_set_row_title (row, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (box, "checklist-row");
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE, "icon-name", "checkbox-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

void
comptoir_shop_page_rebuild_checklist (ComptoirShopPage *self)
{
  guint missing = comptoir_shop_get_missing (self->shop);
  /* each item leads to its field, found when activated: it may be in a
   * group not built yet */
  struct { guint flag; const char *name; const char *title; } items[] = {
    { COMPTOIR_SHOP_MISSING_NAME, "todo-name", N_("Give your shop a name") },
    { COMPTOIR_SHOP_MISSING_CATEGORY, "todo-category", N_("Choose what kind of shop it is") },
    { COMPTOIR_SHOP_MISSING_DESCRIPTION, "todo-description", N_("Tell customers about your shop") },
    { COMPTOIR_SHOP_MISSING_LOGO, "todo-logo", N_("Add your logo") },
    { COMPTOIR_SHOP_MISSING_COVER, "todo-cover", N_("Add a cover photo") },
    { COMPTOIR_SHOP_MISSING_ADDRESS, "todo-address", N_("Add your address") },
    { COMPTOIR_SHOP_MISSING_PHONE, "todo-phone", N_("Add a phone number") },
    { COMPTOIR_SHOP_MISSING_HOURS, "todo-hours", N_("Add your opening hours") },
  };
  guint count = 0;

  for (guint i = 0; i < self->checklist_rows->len; i++)
    adw_preferences_group_remove (self->checklist_group, g_ptr_array_index (self->checklist_rows, i));
  g_ptr_array_set_size (self->checklist_rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *row;

      if (!(missing & items[i].flag))
        continue;
      row = checklist_row_new (items[i].name, _(items[i].title));
      g_object_set_data (G_OBJECT (row), "missing", GUINT_TO_POINTER (items[i].flag));
      adw_preferences_group_add (self->checklist_group, row);
      /* the group's list activates its rows */
      if (!self->checklist_connected && GTK_IS_LIST_BOX (gtk_widget_get_parent (row)))
        {
          g_signal_connect_object (gtk_widget_get_parent (row), "row-activated",
                                   G_CALLBACK (checklist_row_activated_cb), self, 0);
          self->checklist_connected = TRUE;
        }
      g_ptr_array_add (self->checklist_rows, row);
      count++;
    }

  if (count > 0)
    {
      /* one line, next to the title: it does not need wrapping */
      g_autofree char *left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "One step left", "%u steps left",
                                                            count), count);
      gtk_label_set_text (self->checklist_left, left);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->checklist_group), count > 0);
}

/* Export */

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (widget);

  if (self->export_uri != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), self->export_uri, GDK_CURRENT_TIME);
}

static void
update_export_action (ComptoirShopPage *self)
{
  gboolean exporting = self->exporting != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.export", self->store != NULL && !exporting);
  gtk_widget_set_visible (GTK_WIDGET (self->export_spinner), exporting);
  gtk_spinner_set_spinning (self->export_spinner, exporting);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ComptoirShopPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  AdwToast *toast;

  /* cancelled only when the page is disposed: @self is not to be touched */
  if (!comptoir_shop_export_html_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  file = g_steal_pointer (&self->exporting);
  update_export_action (self);
  if (error != NULL)
    {
      comptoir_shop_page_show_toast (self, error->message);
      return;
    }
  g_free (self->export_uri);
  self->export_uri = g_file_get_uri (file);
  toast = adw_toast_new (_("Your page is exported"));
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_action_name (toast, "shop.open-export");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * comptoir_shop_page_export_to:
 * @self: the page
 * @file: where to write the page
 *
 * Exports the page as it is now, off the main thread, and says how it went
 * in a toast. Meanwhile the export button is insensitive and a spinner
 * turns beside it.
 */
void
comptoir_shop_page_export_to (ComptoirShopPage *self,
                              GFile            *file)
{
  g_return_if_fail (COMPTOIR_IS_SHOP_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->exporting != NULL || self->cancellable == NULL)
    return;
  self->exporting = g_object_ref (file);
  update_export_action (self);
  comptoir_shop_export_html_async (self->shop, self->store, file, self->cancellable, export_done_cb, self);
}

static void
export_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    ComptoirShopPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      comptoir_shop_page_export_to (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (widget);
  GtkFileChooserNative *dialog;
  const char *name = comptoir_shop_get_name (self->shop);
  g_autofree char *file_name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export My Page"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: file name of the exported page when the shop has no name yet */
  file_name = g_strdup_printf ("%s.html", *name ? name : _("my-shop"));
  g_strdelimit (file_name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  gtk_file_filter_set_name (filter, _("Web pages"));
  gtk_file_filter_add_mime_type (filter, "text/html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Folding */

static void
preview_toggled_cb (ComptoirShopPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      gtk_toggle_button_get_active (self->preview_toggle) ? "preview" : "editor");
}

static void
update_folded (ComptoirShopPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_toggle), folded);
  if (!folded)
    gtk_toggle_button_set_active (self->preview_toggle, FALSE);
}

static gboolean
folded_idle_cb (gpointer data)
{
  ComptoirShopPage *self = data;

  self->folded_id = 0;
  update_folded (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated: showing the toggle then
 * would change the toolbar in the middle of a layout, so wait. */
static void
leaflet_folded_cb (ComptoirShopPage *self)
{
  if (self->folded_id == 0)
    self->folded_id = g_idle_add (folded_idle_cb, self);
}

static gboolean
clock_cb (gpointer data)
{
  comptoir_shop_page_update_status (data);
  return G_SOURCE_CONTINUE;
}

static void
comptoir_shop_page_dispose (GObject *object)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (object);

  /* nothing typed is lost when the window closes */
  if (self->save_id != 0)
    save_now (self, FALSE);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  /* stops the photo imports and the export; their callbacks then leave
   * the page alone */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->exporting);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_handle_id (&self->trouble_id, g_source_remove);
  g_clear_pointer (&self->trouble_shown, g_free);
  g_clear_handle_id (&self->checklist_id, g_source_remove);
  g_clear_handle_id (&self->folded_id, g_source_remove);
  g_clear_handle_id (&self->complete_id, g_source_remove);
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_SHOP_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->shop);
  g_clear_object (&self->saved);

  G_OBJECT_CLASS (comptoir_shop_page_parent_class)->dispose (object);
}

static void
comptoir_shop_page_finalize (GObject *object)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (object);

  g_queue_clear_full (&self->undo, undo_entry_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->checklist_rows, g_ptr_array_unref);
  g_clear_pointer (&self->payment_checks, g_ptr_array_unref);
  g_free (self->export_uri);

  G_OBJECT_CLASS (comptoir_shop_page_parent_class)->finalize (object);
}

static gboolean
complete_idle_cb (gpointer data)
{
  ComptoirShopPage *self = data;

  self->complete_id = 0;
  comptoir_shop_page_ensure_complete (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock    *clock,
                ComptoirShopPage *self)
{
  g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
  if (!self->complete && self->complete_id == 0)
    self->complete_id = g_idle_add_full (G_PRIORITY_LOW, complete_idle_cb, self, NULL);
}

static void
comptoir_shop_page_map (GtkWidget *widget)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (widget);
  GdkFrameClock *clock;

  if (!self->filled)
    {
      self->filled = TRUE;
      comptoir_shop_preview_set_shop (self->preview, self->shop);
      comptoir_shop_page_load_property (self, NULL);
    }

  GTK_WIDGET_CLASS (comptoir_shop_page_parent_class)->map (widget);

  /* the rest of the editor once the first frame is on screen */
  clock = gtk_widget_get_frame_clock (widget);
  if (!self->complete && self->paint_id == 0 && self->complete_id == 0 && clock != NULL)
    {
      self->paint_clock = g_object_ref (clock);
      self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }
}

static void
comptoir_shop_page_class_init (ComptoirShopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_shop_page_dispose;
  object_class->finalize = comptoir_shop_page_finalize;
  widget_class->map = comptoir_shop_page_map;

  g_type_ensure (COMPTOIR_TYPE_SHOP_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-shop-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, save_status);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, preview_toggle);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, editor_box);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, preview);

  gtk_widget_class_install_action (widget_class, "shop.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "shop.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "shop.open-export", NULL, open_export_action);
}

static void
comptoir_shop_page_init (ComptoirShopPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->checklist_rows = g_ptr_array_new ();
  self->payment_checks = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->shop = comptoir_shop_new ();
  self->saved = comptoir_shop_copy (self->shop);
  g_queue_init (&self->undo);

  comptoir_shop_page_build_editor (self);

  /* Ctrl+Z here means “undo my last saved change”, even inside an entry. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>z"),
                                                          gtk_named_action_new ("shop.undo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_swapped (self->preview_toggle, "toggled", G_CALLBACK (preview_toggled_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (leaflet_folded_cb), self);
  update_folded (self);

  /* The editor is filled by comptoir_shop_page_set_store(), or on map
   * with an empty shop when there is no store: not twice at start-up. */
  self->loading = TRUE;
  update_undo_action (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.export", FALSE);
  self->clock_id = g_timeout_add_seconds (60, clock_cb, self);
}

static void refresh_trouble (ComptoirShopPage *self);

/* Not in the way of the first frame: what a platform refused shows an
 * instant later. */
static gboolean
trouble_idle_cb (gpointer data)
{
  ComptoirShopPage *self = data;

  self->trouble_id = 0;
  refresh_trouble (self);
  return G_SOURCE_REMOVE;
}

/**
 * comptoir_shop_page_set_store:
 *
 * Loads the shop from @store into the editor; from then on every change
 * is saved there.
 */
void
comptoir_shop_page_set_store (ComptoirShopPage *self,
                              ComptoirStore    *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirShop) shop = NULL;

  g_return_if_fail (COMPTOIR_IS_SHOP_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  /* what the platforms answer, as the engine records it */
  self->store_changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (refresh_trouble), self,
                                                    G_CONNECT_SWAPPED);
  if (self->trouble_id == 0)
    self->trouble_id = g_idle_add_full (G_PRIORITY_LOW, trouble_idle_cb, self, NULL);
  shop = comptoir_shop_load (store, &error);
  if (shop == NULL)
    {
      /* Do not overwrite what cannot be read. */
      comptoir_shop_page_show_toast (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->editor_box), FALSE);
      return;
    }

  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_set_object (&self->shop, shop);
  g_clear_object (&self->saved);
  self->saved = comptoir_shop_copy (shop);
  g_queue_clear_full (&self->undo, undo_entry_free);
  g_hash_table_remove_all (self->pending);

  self->filled = TRUE;
  comptoir_shop_preview_set_shop (self->preview, self->shop);
  comptoir_shop_page_load_property (self, NULL);
  g_signal_connect (self->shop, "notify", G_CALLBACK (shop_notify_cb), self);
  update_undo_action (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_box), TRUE);
  update_export_action (self);
}

/* What a platform refused: on top of the page, with the way out */

static void
send_my_page_clicked_cb (GtkButton        *button,
                         ComptoirShopPage *self)
{
  gint64 account_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "account-id"));
  g_autoptr(GError) error = NULL;

  if (!comptoir_outbox_send_local_shop (self->store, account_id, &error))
    comptoir_shop_page_show_toast (self, error->message);
  refresh_trouble (self);
}

static void
refresh_trouble (ComptoirShopPage *self)
{
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GPtrArray) troubles = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_publication_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;
  guint n;

  accounts = self->store != NULL ? comptoir_account_list (self->store, NULL) : NULL;
  n = accounts != NULL ? g_list_model_get_n_items (accounts) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, i);
      ComptoirPublication *publication;

      publication = comptoir_outbox_get_shop_publication (self->store, comptoir_account_get_id (account), NULL);
      if (publication == NULL
          || (!g_str_equal (publication->state, "failed") && !g_str_equal (publication->state, "conflict")))
        {
          g_clear_pointer (&publication, comptoir_publication_free);
          continue;
        }
      g_string_append_printf (key, "%" G_GINT64_FORMAT ":%s:%s\n", publication->account_id, publication->state,
                              publication->last_error != NULL ? publication->last_error : "");
      g_ptr_array_add (troubles, publication);
      g_ptr_array_add (names, g_strdup (comptoir_account_get_platform_name (account)));
    }
  /* every commit asks: the note is built again only when it changes (and
   * keeps the keyboard focus otherwise) */
  if (g_strcmp0 (key->str, self->trouble_shown) == 0)
    return;
  g_free (self->trouble_shown);
  self->trouble_shown = g_strdup (key->str);

  if (self->trouble_box != NULL)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->trouble_box))) != NULL)
      gtk_box_remove (self->trouble_box, child);
  for (guint i = 0; i < troubles->len; i++)
    {
      ComptoirPublication *publication = troubles->pdata[i];
      const char *platform = names->pdata[i];
      g_autofree char *text = NULL;
      GtkWidget *label;
      gboolean conflict = g_str_equal (publication->state, "conflict");

      if (self->trouble_box == NULL)
        {
          self->trouble_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
          gtk_widget_set_name (GTK_WIDGET (self->trouble_box), "shop-trouble");
          gtk_widget_add_css_class (GTK_WIDGET (self->trouble_box), "card");
          gtk_widget_add_css_class (GTK_WIDGET (self->trouble_box), "publication-trouble");
          gtk_box_prepend (self->editor_box, GTK_WIDGET (self->trouble_box));
        }
      /* TRANSLATORS: the platform's name, then what it said */
      text = g_strdup_printf (conflict ? C_("shop", "%s — %s") : _("%s refused your page: %s"), platform,
                              publication->last_error != NULL ? publication->last_error : "");
      label = gtk_label_new (text);
      gtk_widget_set_name (label, "shop-publication-state");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->trouble_box, label);
      if (conflict)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Send My Page"));
          g_autofree char *description = g_strdup_printf (_("Replace the page %s has with yours"), platform);

          gtk_widget_set_name (button, "send-my-page");
          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (button, description);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
          g_object_set_data (G_OBJECT (button), "account-id", GSIZE_TO_POINTER (publication->account_id));
          g_signal_connect (button, "clicked", G_CALLBACK (send_my_page_clicked_cb), self);
          gtk_box_append (self->trouble_box, button);
        }
    }
  if (self->trouble_box != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->trouble_box), troubles->len > 0);
}

/**
 * comptoir_shop_page_get_shop:
 *
 * Returns: (transfer none): the shop being edited
 */
ComptoirShop *
comptoir_shop_page_get_shop (ComptoirShopPage *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP_PAGE (self), NULL);

  return self->shop;
}

/**
 * comptoir_shop_page_flush:
 *
 * Saves now what is waiting for the typing pause.
 */
void
comptoir_shop_page_flush (ComptoirShopPage *self)
{
  g_return_if_fail (COMPTOIR_IS_SHOP_PAGE (self));

  save_now (self, FALSE);
}
