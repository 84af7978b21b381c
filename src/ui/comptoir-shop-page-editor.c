// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "comptoir-money.h"
#include "comptoir-shop-page-private.h"
#include "comptoir-shop-validate.h"

/* The editor of My shop: its groups of fields, how each field checks what
 * is typed and passes valid values to the shop, and how the fields are
 * filled back from the shop (on load and on undo). */

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

/* Titles here are plain text: “Click & collect” is not markup. */
void
comptoir_shop_page_set_row_title (gpointer    row,
               const char *title)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
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
  comptoir_shop_page_set_row_title (row, _(info->title));
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

TextField *
comptoir_shop_page_find_field (ComptoirShopPage *self,
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

/* Puts the shop's value of @property (all of them when %NULL) into the
 * widgets built so far; with @only_later, only into the groups built after
 * the first frame (see comptoir_shop_page_ensure_complete()). */
static void
load_widgets (ComptoirShopPage *self,
              const char       *property,
              gboolean          only_later)
{
  TextField *field;

#define IS(name) (property == NULL || g_strcmp0 (property, name) == 0)
  for (guint i = only_later ? self->n_first_fields : 0; i < self->fields->len; i++)
    {
      field = g_ptr_array_index (self->fields, i);
      if (field->info != NULL && IS (field->info->property))
        load_text_field (self, field);
    }
  if (!only_later)
    {
      if (IS ("description"))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description),
                                  comptoir_shop_get_description (self->shop), -1);
      if (IS ("category"))
        load_category (self);
    }
  if (!self->complete)
    return;
  if (IS ("logo-hash") || IS ("cover-hash"))
    comptoir_shop_page_load_photos (self);
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
}

/* Puts the shop's value of @property (all of them when %NULL) back into
 * its widgets, replacing what is typed there. Groups not built yet are
 * filled from the shop when they are built. */
void
comptoir_shop_page_load_property (ComptoirShopPage *self,
               const char       *property)
{
  self->loading = TRUE;
  load_widgets (self, property, FALSE);
  self->loading = FALSE;

  comptoir_shop_page_update_status (self);
  comptoir_shop_page_rebuild_checklist (self);
}

/* Building the editor */

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
  comptoir_shop_page_set_row_title (row, title);
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

void
comptoir_shop_page_build_editor (ComptoirShopPage *self)
{
  GtkWidget *identity;
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  const char * const *ids;

  self->checklist_group = ADW_PREFERENCES_GROUP (group_new (self, _("To finish your page"), NULL));
  self->checklist_left = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->checklist_left), "checklist-left");
  gtk_widget_add_css_class (GTK_WIDGET (self->checklist_left), "dim-label");
  gtk_widget_set_valign (GTK_WIDGET (self->checklist_left), GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (self->checklist_group, GTK_WIDGET (self->checklist_left));

  identity = group_new (self, _("Identity"), NULL);
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
  comptoir_shop_page_set_row_title (self->category, _("Kind of shop"));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->category), 1);
  adw_combo_row_set_model (self->category, G_LIST_MODEL (categories));
  g_signal_connect_swapped (self->category, "notify::selected", G_CALLBACK (category_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (identity), GTK_WIDGET (self->category));

  self->n_first_fields = self->fields->len;
}

/* The groups below Identity: off screen in the first frame at the usual
 * window size, and costly to measure, so they are built once that frame is
 * painted, or before whenever something needs them. */
static void
build_later_groups (ComptoirShopPage *self)
{
  GtkWidget *photos, *contact, *hours_status, *services, *payments, *row;
  const char * const *ids;

  photos = group_new (self, _("Logo and cover photo"), NULL);
  comptoir_shop_page_add_photo_rows (self, photos);

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
  comptoir_shop_page_set_row_title (self->status_row, _("What customers see"));
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
  comptoir_shop_page_set_row_title (self->delivery_row, _("Local delivery"));
  adw_expander_row_set_subtitle (self->delivery_row, _("You deliver around the shop"));
  adw_expander_row_set_show_enable_switch (self->delivery_row, TRUE);
  adw_expander_row_set_enable_expansion (self->delivery_row, FALSE);
  g_signal_connect_swapped (self->delivery_row, "notify::enable-expansion", G_CALLBACK (services_changed_cb), self);
  row = adw_entry_row_new ();
  gtk_widget_set_name (row, "delivery-communes");
  comptoir_shop_page_set_row_title (row, _("Towns and villages, separated by commas"));
  self->communes = GTK_EDITABLE (row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (services_changed_cb), self);
  adw_expander_row_add_row (self->delivery_row, row);
  row = adw_action_row_new ();
  comptoir_shop_page_set_row_title (row, _("Or within a distance, in km"));
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
      comptoir_shop_page_set_row_title (row, comptoir_shop_payment_method_label (ids[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (payments_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (payments), row);
      g_ptr_array_add (self->payment_checks, check);
    }
}

/**
 * comptoir_shop_page_ensure_complete:
 *
 * Builds the groups below Identity if they are not yet, filled from the
 * shop when the editor already shows it.
 */
void
comptoir_shop_page_ensure_complete (ComptoirShopPage *self)
{
  gboolean loading = self->loading;

  if (self->complete)
    return;
  self->complete = TRUE;
  g_clear_handle_id (&self->complete_id, g_source_remove);
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);

  build_later_groups (self);
  if (!self->filled)
    return;
  self->loading = TRUE;
  load_widgets (self, NULL, TRUE);
  self->loading = loading;
  comptoir_shop_page_update_status (self);
}
