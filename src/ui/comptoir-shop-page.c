// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "comptoir-hours-editor.h"
#include "comptoir-money.h"
#include "comptoir-shop-export.h"
#include "comptoir-shop-page.h"
#include "comptoir-shop-preview.h"
#include "comptoir-shop-validate.h"
#include "comptoir-shop.h"

/* My shop: the page builder. Every field saves itself as it is typed,
 * about half a second after the last key, through comptoir_shop_save();
 * invalid text stays in its field with the reason shown under it, and only
 * valid values reach the store. Ctrl+Z puts back the last changed field as
 * it was last saved. The preview beside follows the same ComptoirShop. */

#define SAVE_DELAY_MS 500

typedef gboolean (*Validator) (const char *text, char **out_normalized, GError **error);

typedef struct
{
  const char      *property;
  const char      *name;
  const char      *title;
  Validator        validate;
  GtkInputPurpose  purpose;
} TextFieldInfo;

static const TextFieldInfo identity_fields[] = {
  { "name", "shop-name", N_("Shop name"), NULL, GTK_INPUT_PURPOSE_FREE_FORM },
  { "tagline", "shop-tagline", N_("Tagline, in one line"), NULL, GTK_INPUT_PURPOSE_FREE_FORM },
};

static const TextFieldInfo contact_fields[] = {
  { "street", "shop-street", N_("Street and number"), NULL, GTK_INPUT_PURPOSE_FREE_FORM },
  { "postcode", "shop-postcode", N_("Postcode"), comptoir_validate_postcode, GTK_INPUT_PURPOSE_DIGITS },
  { "city", "shop-city", N_("Town or village"), NULL, GTK_INPUT_PURPOSE_FREE_FORM },
  { "phone", "shop-phone", N_("Phone"), comptoir_validate_phone, GTK_INPUT_PURPOSE_PHONE },
  { "email", "shop-email", N_("E-mail"), comptoir_validate_email, GTK_INPUT_PURPOSE_EMAIL },
  { "website", "shop-website", N_("Website"), comptoir_validate_website, GTK_INPUT_PURPOSE_URL },
  { "siret", "shop-siret", N_("SIRET number"), comptoir_validate_siret, GTK_INPUT_PURPOSE_DIGITS },
};

static const struct { const char *name; const char *title; } social_fields[] = {
  { "social-facebook", N_("Facebook page") },
  { "social-instagram", N_("Instagram page") },
  { "social-other", N_("Another page (TikTok, YouTube…)") },
};

typedef struct
{
  ComptoirShopPage    *self;
  const TextFieldInfo *info;
  GtkEditable         *entry;
  GtkWidget           *error_row;
  GtkLabel            *error_label;
} TextField;

typedef struct
{
  char   *property;
  GValue  value;
} UndoEntry;

struct _ComptoirShopPage
{
  GtkWidget            parent_instance;

  ComptoirStore       *store;
  ComptoirShop        *shop;
  ComptoirShop        *saved;      /* as last written to the store */
  GHashTable          *pending;    /* property names changed since */
  GQueue               undo;       /* UndoEntry, last on top */
  guint                save_id;
  guint                clock_id;
  guint                checklist_id;
  guint                folded_id;
  gboolean             loading;
  char                *export_uri;

  AdwToastOverlay     *toast_overlay;
  GtkLabel            *save_status;
  GtkToggleButton     *preview_toggle;
  AdwLeaflet          *leaflet;
  GtkScrolledWindow   *scrolled;
  GtkBox              *editor_box;
  ComptoirShopPreview *preview;

  AdwPreferencesGroup *checklist_group;
  GPtrArray           *checklist_rows;
  GPtrArray           *fields;     /* TextField */
  TextField           *social[G_N_ELEMENTS (social_fields)];
  GtkTextView         *description;
  AdwComboRow         *category;
  AdwActionRow        *status_row;
  ComptoirHoursEditor *hours_editor;
  GtkSwitch           *collect_switch;
  AdwExpanderRow      *delivery_row;
  GtkEditable         *communes;
  GtkSpinButton       *radius;
  TextField           *fee;
  TextField           *free_above;
  GtkSwitch           *shipping_switch;
  GPtrArray           *payment_checks; /* GtkCheckButton, in comptoir_shop_payment_method_ids() order */
};

G_DEFINE_FINAL_TYPE (ComptoirShopPage, comptoir_shop_page, GTK_TYPE_WIDGET)

/* Titles here are plain text: “Click & collect” is not markup. */
static void
set_row_title (gpointer    row,
               const char *title)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static void load_property (ComptoirShopPage *self, const char *property);

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

static void
show_toast (ComptoirShopPage *self,
            const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

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
      show_toast (self, error->message);
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

static void
update_status (ComptoirShopPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *status = comptoir_opening_hours_format_status (comptoir_shop_get_opening_hours (self->shop), now);

  adw_action_row_set_subtitle (self->status_row, *status ? status : _("Add your opening hours below."));
}

static void rebuild_checklist (ComptoirShopPage *self);

static gboolean
checklist_idle_cb (gpointer data)
{
  ComptoirShopPage *self = data;

  self->checklist_id = 0;
  rebuild_checklist (self);
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
    update_status (self);
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
  load_property (self, entry->property);
  update_undo_action (self);
  undo_entry_free (entry);
}

/* Fields */

static void
set_field_error (TextField  *field,
                 const char *message)
{
  gtk_label_set_text (field->error_label, message ? message : "");
  gtk_widget_set_visible (field->error_row, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (field->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field->entry), "error");
}

static void
text_field_changed_cb (TextField *field)
{
  ComptoirShopPage *self = field->self;
  const char *text = gtk_editable_get_text (field->entry);
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  if (field->info->validate != NULL)
    {
      if (!field->info->validate (text, &value, &error))
        {
          /* keep what is typed; store nothing until it reads */
          set_field_error (field, error->message);
          return;
        }
    }
  else
    value = g_strstrip (g_strdup (text));
  set_field_error (field, NULL);
  g_object_set (self->shop, field->info->property, value, NULL);
}

static GtkWidget *
error_row_new (GtkLabel **out_label)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, "visible", FALSE, NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  *out_label = GTK_LABEL (label);
  return row;
}

static TextField *
add_text_field (ComptoirShopPage    *self,
                GtkWidget           *container,
                const TextFieldInfo *info)
{
  TextField *field = g_new0 (TextField, 1);
  GtkWidget *row = adw_entry_row_new ();

  field->self = self;
  field->info = info;
  field->entry = GTK_EDITABLE (row);
  gtk_widget_set_name (row, info->name);
  set_row_title (row, _(info->title));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), info->purpose);
  field->error_row = error_row_new (&field->error_label);
  if (ADW_IS_EXPANDER_ROW (container))
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (container), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (container), field->error_row);
    }
  else
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), field->error_row);
    }
  return field;
}

static void
social_changed_cb (TextField *field)
{
  ComptoirShopPage *self = field->self;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) links = NULL;
  gboolean all_valid = TRUE;

  if (self->loading)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (social_fields); i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;

      if (!comptoir_validate_social_link (gtk_editable_get_text (self->social[i]->entry), &value, &error))
        {
          set_field_error (self->social[i], error->message);
          all_valid = FALSE;
          continue;
        }
      set_field_error (self->social[i], NULL);
      if (*value != '\0')
        g_strv_builder_add (builder, value);
    }
  if (!all_valid)
    return;
  links = g_strv_builder_end (builder);
  comptoir_shop_set_social_links (self->shop, (const char * const *) links);
}

static gboolean
money_validate (const char  *text,
                char       **out_normalized,
                GError     **error)
{
  gint64 cents = 0;

  if (strspn (text, " \t") != strlen (text) && !comptoir_money_parse (text, &cents, error))
    return FALSE;
  if (cents < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Write an amount of zero or more."));
      return FALSE;
    }
  *out_normalized = g_strdup_printf ("%" G_GINT64_FORMAT, cents);
  return TRUE;
}

static const TextFieldInfo fee_info = {
  "delivery-fee-cents", "delivery-fee", N_("Delivery fee, as 3,50 €"), money_validate, GTK_INPUT_PURPOSE_NUMBER
};
static const TextFieldInfo free_above_info = {
  "delivery-free-above-cents", "delivery-free-above", N_("Free delivery above (optional)"), money_validate, GTK_INPUT_PURPOSE_NUMBER
};

static void
money_changed_cb (TextField *field)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (field->self->loading)
    return;
  if (!money_validate (gtk_editable_get_text (field->entry), &value, &error))
    {
      set_field_error (field, error->message);
      return;
    }
  set_field_error (field, NULL);
  g_object_set (field->self->shop, field->info->property, g_ascii_strtoll (value, NULL, 10), NULL);
}

static void
description_changed_cb (ComptoirShopPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  comptoir_shop_set_description (self->shop, text);
}

/* The formatting buttons write the markup, so nobody has to learn it. */
static void
bold_clicked_cb (ComptoirShopPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description);
  GtkTextIter start, end;

  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      GtkTextMark *end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);

      gtk_text_buffer_insert (buffer, &start, "**", -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_buffer_insert (buffer, &end, "**", -1);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  else
    {
      gtk_text_buffer_insert_at_cursor (buffer, "****", -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
      gtk_text_iter_backward_chars (&start, 2);
      gtk_text_buffer_place_cursor (buffer, &start);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->description));
}

static void
list_clicked_cb (ComptoirShopPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description);
  GtkTextIter line, check;

  gtk_text_buffer_get_iter_at_mark (buffer, &line, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_set_line_offset (&line, 0);
  check = line;
  gtk_text_iter_forward_chars (&check, 2);
  {
    g_autofree char *head = gtk_text_iter_get_text (&line, &check);

    if (g_strcmp0 (head, "- ") != 0)
      gtk_text_buffer_insert (buffer, &line, "- ", -1);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self->description));
}

static void
category_changed_cb (ComptoirShopPage *self)
{
  guint selected = adw_combo_row_get_selected (self->category);
  const char * const *ids = comptoir_shop_categories ();

  if (self->loading || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) ids))
    return;
  comptoir_shop_set_category (self->shop, ids[selected]);
}

static void
hours_changed_cb (ComptoirShopPage *self)
{
  if (self->loading)
    return;
  comptoir_shop_set_opening_hours (self->shop, comptoir_hours_editor_get_hours (self->hours_editor));
}

static void
services_changed_cb (ComptoirShopPage *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) communes = NULL;
  g_auto(GStrv) parts = NULL;

  if (self->loading)
    return;

  builder = g_strv_builder_new ();
  parts = g_strsplit_set (gtk_editable_get_text (self->communes), ",;\n", -1);
  for (guint i = 0; parts[i]; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  communes = g_strv_builder_end (builder);

  g_object_freeze_notify (G_OBJECT (self->shop));
  comptoir_shop_set_click_and_collect (self->shop, gtk_switch_get_active (self->collect_switch));
  comptoir_shop_set_delivery (self->shop, adw_expander_row_get_enable_expansion (self->delivery_row));
  comptoir_shop_set_delivery_communes (self->shop, (const char * const *) communes);
  comptoir_shop_set_delivery_radius_km (self->shop, (guint) gtk_spin_button_get_value_as_int (self->radius));
  comptoir_shop_set_shipping (self->shop, gtk_switch_get_active (self->shipping_switch));
  g_object_thaw_notify (G_OBJECT (self->shop));
}

static void
payments_changed_cb (ComptoirShopPage *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) methods = NULL;
  const char * const *ids = comptoir_shop_payment_method_ids ();

  if (self->loading)
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->payment_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->payment_checks, i)))
      g_strv_builder_add (builder, ids[i]);
  methods = g_strv_builder_end (builder);
  comptoir_shop_set_payment_methods (self->shop, (const char * const *) methods);
}

/* Loading the widgets from the shop */

static TextField *
find_field (ComptoirShopPage *self,
            const char       *property)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      TextField *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->info->property, property) == 0)
        return field;
    }
  return NULL;
}

static void
load_text_field (ComptoirShopPage *self,
                 TextField        *field)
{
  g_autofree char *value = NULL;

  if (g_str_has_suffix (field->info->property, "-cents"))
    {
      gint64 cents;

      g_object_get (self->shop, field->info->property, &cents, NULL);
      value = cents > 0 ? comptoir_money_format (cents) : g_strdup ("");
    }
  else
    {
      g_object_get (self->shop, field->info->property, &value, NULL);
      if (g_strcmp0 (field->info->property, "phone") == 0)
        {
          char *national = comptoir_phone_format_national (value);
          g_free (value);
          value = national;
        }
    }
  gtk_editable_set_text (field->entry, value);
  set_field_error (field, NULL);
}

static void
load_social (ComptoirShopPage *self)
{
  const char * const *links = comptoir_shop_get_social_links (self->shop);
  const char *slots[G_N_ELEMENTS (social_fields)] = { NULL };

  for (guint i = 0; links && links[i]; i++)
    {
      const char *network = comptoir_social_link_network (links[i]);
      guint slot = g_strcmp0 (network, "Facebook") == 0 ? 0 : g_strcmp0 (network, "Instagram") == 0 ? 1 : 2;

      if (slots[slot] == NULL)
        slots[slot] = links[i];
      else if (slots[2] == NULL)
        slots[2] = links[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (social_fields); i++)
    {
      gtk_editable_set_text (self->social[i]->entry, slots[i] ? slots[i] : "");
      set_field_error (self->social[i], NULL);
    }
}

static void
load_services (ComptoirShopPage *self)
{
  g_autofree char *communes = g_strjoinv (", ", (char **) comptoir_shop_get_delivery_communes (self->shop));

  gtk_switch_set_active (self->collect_switch, comptoir_shop_get_click_and_collect (self->shop));
  adw_expander_row_set_enable_expansion (self->delivery_row, comptoir_shop_get_delivery (self->shop));
  gtk_editable_set_text (self->communes, communes);
  gtk_spin_button_set_value (self->radius, comptoir_shop_get_delivery_radius_km (self->shop));
  gtk_switch_set_active (self->shipping_switch, comptoir_shop_get_shipping (self->shop));
  load_text_field (self, self->fee);
  load_text_field (self, self->free_above);
}

static void
load_payments (ComptoirShopPage *self)
{
  const char * const *ids = comptoir_shop_payment_method_ids ();

  for (guint i = 0; i < self->payment_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->payment_checks, i),
                                 comptoir_shop_accepts_payment (self->shop, ids[i]));
}

static void
load_category (ComptoirShopPage *self)
{
  const char * const *ids = comptoir_shop_categories ();
  guint index = g_strv_length ((char **) ids) - 1; /* other */

  for (guint i = 0; ids[i]; i++)
    if (g_strcmp0 (ids[i], comptoir_shop_get_category (self->shop)) == 0)
      index = i;
  adw_combo_row_set_selected (self->category, index);
}

/* Puts the shop's value of @property (all of them when %NULL) back into
 * its widgets, replacing what is typed there. */
static void
load_property (ComptoirShopPage *self,
               const char       *property)
{
  TextField *field;

#define IS(name) (property == NULL || g_strcmp0 (property, name) == 0)
  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      field = g_ptr_array_index (self->fields, i);
      if (field->info != NULL && IS (field->info->property))
        load_text_field (self, field);
    }
  if (IS ("description"))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description),
                              comptoir_shop_get_description (self->shop), -1);
  if (IS ("category"))
    load_category (self);
  if (IS ("social-links"))
    load_social (self);
  if (IS ("opening-hours"))
    comptoir_hours_editor_set_hours (self->hours_editor, comptoir_shop_get_opening_hours (self->shop));
  if (property == NULL || g_str_has_prefix (property, "delivery") ||
      IS ("click-and-collect") || IS ("shipping"))
    load_services (self);
  if (IS ("payment-methods"))
    load_payments (self);
#undef IS
  self->loading = FALSE;

  update_status (self);
  rebuild_checklist (self);
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

static void
checklist_row_activated_cb (AdwActionRow     *row,
                            ComptoirShopPage *self)
{
  scroll_to_widget (self, g_object_get_data (G_OBJECT (row), "target"));
}

static void
rebuild_checklist (ComptoirShopPage *self)
{
  /* photos come with the photo pipeline; until then they are not asked for */
  guint missing = comptoir_shop_get_missing (self->shop) &
                  ~(COMPTOIR_SHOP_MISSING_LOGO | COMPTOIR_SHOP_MISSING_COVER);
  struct { guint flag; const char *name; const char *title; GtkWidget *target; } items[] = {
    { COMPTOIR_SHOP_MISSING_NAME, "todo-name", N_("Give your shop a name"), GTK_WIDGET (find_field (self, "name")->entry) },
    { COMPTOIR_SHOP_MISSING_CATEGORY, "todo-category", N_("Choose what kind of shop it is"), GTK_WIDGET (self->category) },
    { COMPTOIR_SHOP_MISSING_DESCRIPTION, "todo-description", N_("Tell customers about your shop"), GTK_WIDGET (self->description) },
    { COMPTOIR_SHOP_MISSING_ADDRESS, "todo-address", N_("Add your address"), GTK_WIDGET (find_field (self, "street")->entry) },
    { COMPTOIR_SHOP_MISSING_PHONE, "todo-phone", N_("Add a phone number"), GTK_WIDGET (find_field (self, "phone")->entry) },
    { COMPTOIR_SHOP_MISSING_HOURS, "todo-hours", N_("Add your opening hours"), comptoir_hours_editor_get_first_day_row (self->hours_editor) },
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
      row = adw_action_row_new ();
      gtk_widget_set_name (row, items[i].name);
      set_row_title (row, _(items[i].title));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("checkbox-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "target", items[i].target);
      g_signal_connect (row, "activated", G_CALLBACK (checklist_row_activated_cb), self);
      adw_preferences_group_add (self->checklist_group, row);
      g_ptr_array_add (self->checklist_rows, row);
      count++;
    }

  if (count > 0)
    {
      g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "One thing left to make your page complete.",
                                                                   "%u things left to make your page complete.",
                                                                   count), count);
      adw_preferences_group_set_description (self->checklist_group, description);
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

/**
 * comptoir_shop_page_export_to:
 * @self: the page
 * @file: where to write the page
 *
 * Exports the page as it is now and says how it went in a toast.
 *
 * Returns: whether the file was written
 */
gboolean
comptoir_shop_page_export_to (ComptoirShopPage *self,
                              GFile            *file)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_val_if_fail (COMPTOIR_IS_SHOP_PAGE (self), FALSE);

  if (!comptoir_shop_export_html (self->shop, self->store, file, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }
  g_free (self->export_uri);
  self->export_uri = g_file_get_uri (file);
  toast = adw_toast_new (_("Your page is exported"));
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_action_name (toast, "shop.open-export");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
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

/* Building the editor */

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

static GtkWidget *
group_new (ComptoirShopPage *self,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->editor_box, group);
  return group;
}

static GtkWidget *
switch_row_new (const char *name,
                const char *title,
                const char *subtitle,
                GtkSwitch **out_switch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_name (toggle, name);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  set_row_title (row, title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  *out_switch = GTK_SWITCH (toggle);
  return row;
}

static GtkWidget *
description_row_new (ComptoirShopPage *self)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Description"));
  GtkWidget *bold = gtk_button_new_from_icon_name ("format-text-bold-symbolic");
  GtkWidget *list = gtk_button_new_from_icon_name ("view-list-bullet-symbolic");
  GtkWidget *hint = gtk_label_new (_("Leave an empty line between paragraphs."));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption");
  gtk_box_append (GTK_BOX (bar), title);
  gtk_widget_set_name (bold, "description-bold");
  gtk_widget_set_tooltip_text (bold, _("Bold"));
  gtk_widget_add_css_class (bold, "flat");
  g_signal_connect_swapped (bold, "clicked", G_CALLBACK (bold_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), bold);
  gtk_widget_set_name (list, "description-list");
  gtk_widget_set_tooltip_text (list, _("List item"));
  gtk_widget_add_css_class (list, "flat");
  g_signal_connect_swapped (list, "clicked", G_CALLBACK (list_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), list);
  gtk_box_append (GTK_BOX (box), bar);

  gtk_widget_set_name (view, "shop-description");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  self->description = GTK_TEXT_VIEW (view);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description), "changed",
                            G_CALLBACK (description_changed_cb), self);
  return row;
}

static void
build_editor (ComptoirShopPage *self)
{
  GtkWidget *identity, *contact, *hours_status, *services, *payments, *row;
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  const char * const *ids;

  self->checklist_group = ADW_PREFERENCES_GROUP (group_new (self, _("To finish your page"), NULL));

  identity = group_new (self, _("Identity"), _("What customers see first."));
  for (guint i = 0; i < G_N_ELEMENTS (identity_fields); i++)
    {
      TextField *field = add_text_field (self, identity, &identity_fields[i]);
      g_ptr_array_add (self->fields, field);
      g_signal_connect_swapped (field->entry, "changed", G_CALLBACK (text_field_changed_cb), field);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (identity), description_row_new (self));
  ids = comptoir_shop_categories ();
  for (guint i = 0; ids[i]; i++)
    gtk_string_list_append (categories, comptoir_shop_category_label (ids[i]));
  self->category = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->category), "shop-category");
  set_row_title (self->category, _("Kind of shop"));
  adw_combo_row_set_model (self->category, G_LIST_MODEL (categories));
  g_signal_connect_swapped (self->category, "notify::selected", G_CALLBACK (category_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (identity), GTK_WIDGET (self->category));

  contact = group_new (self, _("Where and how to reach you"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (contact_fields); i++)
    {
      TextField *field = add_text_field (self, contact, &contact_fields[i]);
      g_ptr_array_add (self->fields, field);
      g_signal_connect_swapped (field->entry, "changed", G_CALLBACK (text_field_changed_cb), field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (social_fields); i++)
    {
      /* not in self->fields: the three share one property */
      TextFieldInfo *info = g_new0 (TextFieldInfo, 1);

      info->property = "social-links";
      info->name = social_fields[i].name;
      info->title = social_fields[i].title;
      info->purpose = GTK_INPUT_PURPOSE_URL;
      self->social[i] = add_text_field (self, contact, info);
      g_object_set_data_full (G_OBJECT (self->social[i]->entry), "info", info, g_free);
      g_object_set_data_full (G_OBJECT (self->social[i]->entry), "field", self->social[i], g_free);
      g_signal_connect_swapped (self->social[i]->entry, "changed", G_CALLBACK (social_changed_cb), self->social[i]);
    }

  hours_status = group_new (self, _("Right now"), NULL);
  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->status_row), "hours-status");
  set_row_title (self->status_row, _("What customers see"));
  adw_action_row_add_prefix (self->status_row, gtk_image_new_from_icon_name ("alarm-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (hours_status), GTK_WIDGET (self->status_row));
  self->hours_editor = COMPTOIR_HOURS_EDITOR (comptoir_hours_editor_new ());
  g_signal_connect_swapped (self->hours_editor, "changed", G_CALLBACK (hours_changed_cb), self);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->hours_editor));

  services = group_new (self, _("Services"), NULL);
  row = switch_row_new ("service-collect", _("Click & collect"),
                        _("Customers order, then pick up in the shop"), &self->collect_switch);
  g_signal_connect_swapped (self->collect_switch, "notify::active", G_CALLBACK (services_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (services), row);
  self->delivery_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->delivery_row), "service-delivery");
  set_row_title (self->delivery_row, _("Local delivery"));
  adw_expander_row_set_subtitle (self->delivery_row, _("You deliver around the shop"));
  adw_expander_row_set_show_enable_switch (self->delivery_row, TRUE);
  adw_expander_row_set_enable_expansion (self->delivery_row, FALSE);
  g_signal_connect_swapped (self->delivery_row, "notify::enable-expansion", G_CALLBACK (services_changed_cb), self);
  row = adw_entry_row_new ();
  gtk_widget_set_name (row, "delivery-communes");
  set_row_title (row, _("Towns and villages, separated by commas"));
  self->communes = GTK_EDITABLE (row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (services_changed_cb), self);
  adw_expander_row_add_row (self->delivery_row, row);
  row = adw_action_row_new ();
  set_row_title (row, _("Or within a distance, in km"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("0 to use the list of towns instead"));
  self->radius = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 200, 1));
  gtk_widget_set_name (GTK_WIDGET (self->radius), "delivery-radius");
  gtk_widget_set_valign (GTK_WIDGET (self->radius), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->radius, "value-changed", G_CALLBACK (services_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->radius));
  adw_expander_row_add_row (self->delivery_row, row);
  self->fee = add_text_field (self, GTK_WIDGET (self->delivery_row), &fee_info);
  g_ptr_array_add (self->fields, self->fee);
  g_signal_connect_swapped (self->fee->entry, "changed", G_CALLBACK (money_changed_cb), self->fee);
  self->free_above = add_text_field (self, GTK_WIDGET (self->delivery_row), &free_above_info);
  g_ptr_array_add (self->fields, self->free_above);
  g_signal_connect_swapped (self->free_above->entry, "changed", G_CALLBACK (money_changed_cb), self->free_above);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (services), GTK_WIDGET (self->delivery_row));
  row = switch_row_new ("service-shipping", _("Shipping"), _("You send parcels by post"), &self->shipping_switch);
  g_signal_connect_swapped (self->shipping_switch, "notify::active", G_CALLBACK (services_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (services), row);

  payments = group_new (self, _("Payment accepted in the shop"), NULL);
  ids = comptoir_shop_payment_method_ids ();
  for (guint i = 0; ids[i]; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("payment-%s", ids[i]);

      row = adw_action_row_new ();
      gtk_widget_set_name (check, name);
      set_row_title (row, comptoir_shop_payment_method_label (ids[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (payments_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (payments), row);
      g_ptr_array_add (self->payment_checks, check);
    }
}

static gboolean
clock_cb (gpointer data)
{
  update_status (data);
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
  g_clear_handle_id (&self->checklist_id, g_source_remove);
  g_clear_handle_id (&self->folded_id, g_source_remove);
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

static void
comptoir_shop_page_class_init (ComptoirShopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_shop_page_dispose;
  object_class->finalize = comptoir_shop_page_finalize;

  g_type_ensure (COMPTOIR_TYPE_SHOP_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-shop-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, save_status);
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, preview_toggle);
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
  self->shop = comptoir_shop_new ();
  self->saved = comptoir_shop_copy (self->shop);
  g_queue_init (&self->undo);

  build_editor (self);
  comptoir_shop_preview_set_shop (self->preview, self->shop);

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

  self->loading = TRUE;
  load_property (self, NULL);
  update_undo_action (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.export", FALSE);
  self->clock_id = g_timeout_add_seconds (60, clock_cb, self);
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

  g_set_object (&self->store, store);
  shop = comptoir_shop_load (store, &error);
  if (shop == NULL)
    {
      /* Do not overwrite what cannot be read. */
      show_toast (self, error->message);
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

  comptoir_shop_preview_set_shop (self->preview, self->shop);
  load_property (self, NULL);
  g_signal_connect (self->shop, "notify", G_CALLBACK (shop_notify_cb), self);
  update_undo_action (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_box), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shop.export", TRUE);
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
