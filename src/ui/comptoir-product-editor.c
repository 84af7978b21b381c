// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-product-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-csv.h"
#include "comptoir-gtin.h"
#include "comptoir-media-store.h"
#include "comptoir-money.h"
#include "comptoir-photo-strip.h"
#include "comptoir-account.h"
#include "comptoir-outbox.h"
#include "comptoir-product-editor.h"
#include "comptoir-product-store.h"
#include "comptoir-units.h"

/* The product editor: every field is checked as it is typed, with the
 * reason under the field; what was typed is never rewritten or dropped,
 * so a wrong price can be corrected rather than retyped. Save stays off,
 * with a line saying which field to fix, until everything can be saved. */

static const int vat_rates[] = { 2000, 1000, 550, 210 };

/* What was typed for one combination of option values, kept by key even
 * while the options change, so that no typed price or SKU is lost. */
typedef struct
{
  char *price;
  char *stock;
  char *sku;
} VariantText;

struct _ComptoirProductEditor
{
  AdwWindow        parent_instance;

  ComptoirStore   *store;
  ComptoirProduct *product;
  GHashTable      *variant_texts;   /* "value1\x1fvalue2" → VariantText */
  GPtrArray       *options;         /* parsed from the entries, for the grid */
  gboolean         loading;
  gboolean         dirty;
  gboolean         valid;
  gboolean         closing;

  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkRevealer     *message_revealer;
  GtkLabel        *message;
  GtkEntry        *name;
  GtkLabel        *name_error;
  GtkTextView     *description;
  GtkBox          *photos_box;
  GtkBox          *publications_box;
  GtkBox          *trouble_box;       /* refusals and conflicts, on top */
  char            *publications_shown; /* what the two boxes say now */
  AdwToastOverlay *toast_overlay;
  ComptoirPhotoStrip *photo_strip;
  GtkEntry        *price;
  GtkLabel        *price_error;
  GtkDropDown     *vat_rate;
  GtkDropDown     *unit;
  GtkSwitch       *stock_tracked;
  GtkSpinButton   *stock;
  GtkEntry        *sku;
  GtkEntry        *gtin;
  GtkLabel        *gtin_error;
  GtkEntry        *category;
  GtkCheckButton  *on_marketplace;
  GtkCheckButton  *on_directory;
  GtkEntry        *option1_name;
  GtkEntry        *option1_values;
  GtkEntry        *option2_name;
  GtkEntry        *option2_values;
  GtkLabel        *option2_values_error;
  GtkGrid         *variants_grid;
  GtkLabel        *variants_error;
};

G_DEFINE_FINAL_TYPE (ComptoirProductEditor, comptoir_product_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
variant_text_free (VariantText *text)
{
  g_free (text->price);
  g_free (text->stock);
  g_free (text->sku);
  g_free (text);
}

static char *
variant_key (const char *value1,
             const char *value2)
{
  return g_strdup_printf ("%s\x1f%s", value1, value2 ? value2 : "");
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
mark_invalid (GtkWidget *widget,
              gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static char *
get_description (ComptoirProductEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* "S, M,  L" → { "S", "M", "L" } */
static GStrv
split_values (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);
      if (*value != '\0')
        g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  return *copy == '\0';
}

/* Reads the option entries. Returns FALSE with a message when they
 * cannot make options; *out_options is the usable part either way. */
static gboolean
read_options (ComptoirProductEditor  *self,
              GPtrArray             **out_options,
              char                  **out_message)
{
  GtkEntry *names[] = { self->option1_name, self->option2_name };
  GtkEntry *values[] = { self->option1_values, self->option2_values };
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);
  g_autoptr(GError) error = NULL;

  *out_message = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (names[i]));
      g_auto(GStrv) list = split_values (gtk_editable_get_text (GTK_EDITABLE (values[i])));
      g_autofree char *stripped = g_strstrip (g_strdup (name));

      if (*stripped == '\0' && list[0] == NULL)
        continue;
      if (*stripped == '\0')
        {
          *out_message = g_strdup (C_("catalog", "Give the option a name, such as “Size”."));
          break;
        }
      if (list[0] == NULL)
        {
          *out_message = g_strdup_printf (C_("catalog", "List the values of “%s”, separated by commas."), stripped);
          break;
        }
      g_ptr_array_add (options, comptoir_product_option_new (stripped, (const char * const *) list));
    }

  if (*out_message == NULL && !comptoir_variants_check (options, NULL, &error))
    *out_message = g_strdup (error->message);

  *out_options = g_steal_pointer (&options);
  return *out_message == NULL;
}

static void
variant_entry_changed_cb (GtkEditable           *editable,
                          ComptoirProductEditor *self)
{
  VariantText *text = g_object_get_data (G_OBJECT (editable), "variant-text");
  const char *what = g_object_get_data (G_OBJECT (editable), "variant-field");
  char **slot;

  if (g_str_equal (what, "price"))
    slot = &text->price;
  else if (g_str_equal (what, "stock"))
    slot = &text->stock;
  else
    slot = &text->sku;
  g_free (*slot);
  *slot = g_strdup (gtk_editable_get_text (editable));

  if (!self->loading)
    self->dirty = TRUE;
  comptoir_product_editor_is_valid (self);
}

static GtkWidget *
variant_entry (ComptoirProductEditor *self,
               VariantText           *text,
               const char            *field,
               const char            *value,
               const char            *accessible_label,
               int                    width_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_object_set_data (G_OBJECT (entry), "variant-text", text);
  g_object_set_data (G_OBJECT (entry), "variant-field", (gpointer) field);
  g_signal_connect (entry, "changed", G_CALLBACK (variant_entry_changed_cb), self);
  return entry;
}

static void
rebuild_variants_grid (ComptoirProductEditor *self)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) combos = NULL;
  const char *headers[] = { NC_("catalog", "Variant"), NC_("catalog", "Price incl. VAT"), NC_("catalog", "Stock"), NC_("catalog", "Reference") };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->variants_grid))) != NULL)
    gtk_grid_remove (self->variants_grid, child);

  combos = comptoir_variants_generate (self->options, NULL, 0);
  if (combos->len == 0)
    return;

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *label = gtk_label_new (g_dpgettext2 (GETTEXT_PACKAGE, "catalog", headers[c]));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->variants_grid, label, (int) c, 0, 1, 1);
    }

  for (guint i = 0; i < combos->len; i++)
    {
      ComptoirVariant *combo = g_ptr_array_index (combos, i);
      g_autofree char *key = variant_key (combo->value1, combo->value2);
      g_autofree char *title = combo->value2
                               ? g_strdup_printf ("%s / %s", combo->value1, combo->value2)
                               : g_strdup (combo->value1);
      g_autofree char *price_label = g_strdup_printf (C_("catalog", "Price of %s"), title);
      g_autofree char *stock_label = g_strdup_printf (C_("catalog", "Stock of %s"), title);
      g_autofree char *sku_label = g_strdup_printf (C_("catalog", "Reference of %s"), title);
      VariantText *text = g_hash_table_lookup (self->variant_texts, key);
      GtkWidget *label = gtk_label_new (title);

      if (text == NULL)
        {
          text = g_new0 (VariantText, 1);
          /* a new combination starts at the product's price */
          text->price = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price)));
          text->stock = g_strdup ("");
          text->sku = g_strdup ("");
          g_hash_table_insert (self->variant_texts, g_steal_pointer (&key), text);
        }

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_grid_attach (self->variants_grid, label, 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->variants_grid, variant_entry (self, text, "price", text->price, price_label, 7),
                       1, (int) i + 1, 1, 1);
      gtk_grid_attach (self->variants_grid, variant_entry (self, text, "stock", text->stock, stock_label, 5),
                       2, (int) i + 1, 1, 1);
      gtk_grid_attach (self->variants_grid, variant_entry (self, text, "sku", text->sku, sku_label, 8),
                       3, (int) i + 1, 1, 1);
    }
}

static gboolean
same_options (GPtrArray *a,
              GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      ComptoirProductOption *x = g_ptr_array_index (a, i);
      ComptoirProductOption *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->name, y->name) != 0
          || !g_strv_equal ((const char * const *) x->values, (const char * const *) y->values))
        return FALSE;
    }
  return TRUE;
}

/* Builds the variants from the grid's texts; FALSE with a message if a
 * price or stock cannot be read. */
static GPtrArray *
read_variants (ComptoirProductEditor  *self,
               char                  **out_message)
{
  g_autoptr(GPtrArray) variants = comptoir_variants_generate (self->options, NULL, 0);

  *out_message = NULL;
  for (guint i = 0; i < variants->len; i++)
    {
      ComptoirVariant *v = g_ptr_array_index (variants, i);
      g_autofree char *key = variant_key (v->value1, v->value2);
      VariantText *text = g_hash_table_lookup (self->variant_texts, key);
      g_autofree char *title = v->value2 ? g_strdup_printf ("%s / %s", v->value1, v->value2) : g_strdup (v->value1);
      g_autoptr(GError) error = NULL;
      guint64 stock;

      if (text == NULL)
        continue;
      if (!comptoir_money_parse (text->price, &v->price_cents, &error))
        {
          *out_message = g_strdup_printf (C_("catalog", "%s: %s"), title, error->message);
          return NULL;
        }
      if (is_blank (text->stock))
        v->stock_tracked = FALSE;
      else if (g_ascii_string_to_unsigned (g_strstrip (text->stock), 10, 0, G_MAXINT32, &stock, NULL))
        {
          v->stock_tracked = TRUE;
          v->stock = (gint64) stock;
        }
      else
        {
          *out_message = g_strdup_printf (C_("catalog", "%s: type the stock as a whole number, or leave it empty."), title);
          return NULL;
        }
      g_free (v->sku);
      v->sku = g_strstrip (g_strdup (text->sku));
    }
  return g_steal_pointer (&variants);
}

/**
 * comptoir_product_editor_is_valid:
 * @self: the editor
 *
 * Checks every field, shows the reasons next to them and enables Save
 * when everything can be saved.
 *
 * Returns: %TRUE if the product can be saved
 */
gboolean
comptoir_product_editor_is_valid (ComptoirProductEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) variants = NULL;
  g_autofree char *options_message = NULL;
  g_autofree char *variants_message = NULL;
  const char *first_invalid = NULL;
  gint64 cents;
  gboolean ok;

  g_return_val_if_fail (COMPTOIR_IS_PRODUCT_EDITOR (self), FALSE);

  ok = !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->name)));
  show_error (self->name_error, ok ? NULL : C_("catalog", "Type the name customers will see."));
  mark_invalid (GTK_WIDGET (self->name), !ok);
  if (!ok)
    first_invalid = comptoir_csv_field_get_label (COMPTOIR_CSV_FIELD_NAME);

  ok = comptoir_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->price)), &cents, &error);
  show_error (self->price_error, ok ? NULL : error->message);
  mark_invalid (GTK_WIDGET (self->price), !ok);
  if (!ok && first_invalid == NULL)
    first_invalid = comptoir_csv_field_get_label (COMPTOIR_CSV_FIELD_PRICE);
  g_clear_error (&error);

  ok = comptoir_gtin_check (gtk_editable_get_text (GTK_EDITABLE (self->gtin)), NULL, &error);
  show_error (self->gtin_error, ok ? NULL : error->message);
  mark_invalid (GTK_WIDGET (self->gtin), !ok);
  if (!ok && first_invalid == NULL)
    first_invalid = comptoir_csv_field_get_label (COMPTOIR_CSV_FIELD_GTIN);
  g_clear_error (&error);

  ok = read_options (self, &options, &options_message);
  show_error (self->option2_values_error, options_message);
  if (!ok && first_invalid == NULL)
    first_invalid = C_("product field", "Variants");
  if (!same_options (options, self->options))
    {
      g_clear_pointer (&self->options, g_ptr_array_unref);
      self->options = g_ptr_array_ref (options);
      rebuild_variants_grid (self);
    }

  variants = read_variants (self, &variants_message);
  show_error (self->variants_error, variants_message);
  if (variants == NULL && first_invalid == NULL)
    first_invalid = C_("product field", "Variants");

  /* photos still being imported are not lost by waiting for them */
  if (first_invalid == NULL && self->photo_strip != NULL && comptoir_photo_strip_get_busy (self->photo_strip))
    first_invalid = C_("product field", "Photos");

  self->valid = first_invalid == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid);
  if (!self->valid)
    {
      g_autofree char *text = g_strdup_printf (C_("catalog", "To save, correct the field “%s”."), first_invalid);
      gtk_label_set_text (self->message, text);
    }
  gtk_revealer_set_reveal_child (self->message_revealer, !self->valid);
  return self->valid;
}

static void
changed_cb (ComptoirProductEditor *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  comptoir_product_editor_is_valid (self);
}

static void
fill_product (ComptoirProductEditor *self)
{
  g_autofree char *description = get_description (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  g_autofree char *sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sku))));
  g_autofree char *category = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category))));
  g_autofree char *gtin = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) variants = read_variants (self, &message);
  guint vat = gtk_drop_down_get_selected (self->vat_rate);
  guint unit = gtk_drop_down_get_selected (self->unit);
  gint64 cents = 0;
  guint visibility = 0;

  comptoir_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->price)), &cents, NULL);
  comptoir_gtin_check (gtk_editable_get_text (GTK_EDITABLE (self->gtin)), &gtin, NULL);
  if (gtk_check_button_get_active (self->on_marketplace))
    visibility |= COMPTOIR_VISIBILITY_MARKETPLACE;
  if (gtk_check_button_get_active (self->on_directory))
    visibility |= COMPTOIR_VISIBILITY_DIRECTORY;

  comptoir_product_set_name (self->product, name);
  comptoir_product_set_description (self->product, description);
  comptoir_product_set_price_cents (self->product, cents);
  comptoir_product_set_vat_rate (self->product, vat_rates[MIN (vat, G_N_ELEMENTS (vat_rates) - 1)]);
  comptoir_product_set_unit (self->product, comptoir_units_get_ids ()[MIN (unit, 5)]);
  comptoir_product_set_stock_tracked (self->product, gtk_switch_get_active (self->stock_tracked));
  comptoir_product_set_stock (self->product, gtk_spin_button_get_value_as_int (self->stock));
  comptoir_product_set_sku (self->product, sku);
  comptoir_product_set_gtin (self->product, gtin ? gtin : "");
  comptoir_product_set_category (self->product, category);
  comptoir_product_set_visibility (self->product, visibility);
  comptoir_product_set_options (self->product, self->options);
  comptoir_product_set_variants (self->product, variants);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ComptoirProductEditor *self = COMPTOIR_PRODUCT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) hashes = NULL;

  if (!comptoir_product_editor_is_valid (self))
    return;

  fill_product (self);
  hashes = comptoir_photo_strip_get_hashes (self->photo_strip);
  if (!comptoir_product_save_with_photos (self->store, self->product, (const char * const *) hashes, &error))
    {
      /* keep everything typed; say what went wrong */
      gtk_label_set_text (self->message, error->message);
      gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
      return;
    }

  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, comptoir_product_get_id (self->product));
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     ComptoirProductEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->dirty = FALSE;
      /* after the dialog, which belongs to this window, is gone */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static gboolean
comptoir_product_editor_close_request (GtkWindow *window)
{
  ComptoirProductEditor *self = COMPTOIR_PRODUCT_EDITOR (window);
  AdwMessageDialog *dialog;

  if (!self->dirty)
    return GTK_WINDOW_CLASS (comptoir_product_editor_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, C_("catalog", "Save the Changes?"),
                                                       C_("catalog", "What you typed in this product has not been saved.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", C_("catalog", "_Keep Editing"),
                                    "discard", C_("catalog", "_Discard"),
                                    "save", C_("catalog", "_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", self->valid);
  adw_message_dialog_set_default_response (dialog, self->valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Where the product stands on each platform */

static void load_publications (ComptoirProductEditor *self);

static void
send_mine_clicked_cb (GtkButton             *button,
                      ComptoirProductEditor *self)
{
  gint64 account_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "account-id"));
  g_autoptr(GError) error = NULL;

  if (!comptoir_outbox_send_local_version (self->store, comptoir_product_get_id (self->product),
                                           account_id, &error))
    {
      /* a toast title is Pango markup in libadwaita 1.2 */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
  load_publications (self);
}

static char *
publication_text (const ComptoirPublication *publication,
                  const char                *platform)
{
  if (g_str_equal (publication->state, "published"))
    /* TRANSLATORS: %s is the platform's name */
    return g_strdup_printf (_("Published on %s"), platform);
  if (g_str_equal (publication->state, "withdrawn"))
    return g_strdup_printf (_("Withdrawn from %s"), platform);
  if (g_str_equal (publication->state, "failed"))
    /* TRANSLATORS: the platform's name, then what it said was wrong */
    return g_strdup_printf (_("%s refused the last change: %s"), platform,
                            publication->last_error ? publication->last_error : "");
  if (g_str_equal (publication->state, "conflict"))
    /* TRANSLATORS: the platform's name, then why nothing was sent */
    return g_strdup_printf (C_("catalog", "%s — %s"), platform, publication->last_error ? publication->last_error : "");
  return g_strdup_printf (_("Waiting to be sent to %s"), platform);
}

static void
load_publications (ComptoirProductEditor *self)
{
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;
  guint n_accounts;

  if (comptoir_product_get_id (self->product) != 0)
    {
      publications = comptoir_outbox_list_publications (self->store, comptoir_product_get_id (self->product), NULL);
      accounts = comptoir_account_list (self->store, NULL);
    }
  for (guint i = 0; publications != NULL && i < publications->len; i++)
    {
      ComptoirPublication *publication = g_ptr_array_index (publications, i);

      g_string_append_printf (key, "%" G_GINT64_FORMAT ":%s:%s\n", publication->account_id, publication->state,
                              publication->last_error != NULL ? publication->last_error : "");
    }
  /* every commit asks: rebuilt only when something changed (the
   * keyboard focus stays otherwise) */
  if (g_strcmp0 (key->str, self->publications_shown) == 0)
    return;
  g_free (self->publications_shown);
  self->publications_shown = g_strdup (key->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->publications_box))) != NULL)
    gtk_box_remove (self->publications_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->trouble_box))) != NULL)
    gtk_box_remove (self->trouble_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->publications_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->trouble_box), FALSE);
  if (publications == NULL || accounts == NULL)
    return;
  n_accounts = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < publications->len; i++)
    {
      ComptoirPublication *publication = g_ptr_array_index (publications, i);
      g_autofree char *platform = NULL;
      g_autofree char *text = NULL;
      GtkWidget *label;
      GtkBox *box;
      gboolean trouble = g_str_equal (publication->state, "failed") || g_str_equal (publication->state, "conflict");

      for (guint j = 0; j < n_accounts && platform == NULL; j++)
        {
          g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, j);

          if (comptoir_account_get_id (account) == publication->account_id)
            platform = g_strdup (comptoir_account_get_platform_name (account));
        }
      if (platform == NULL)
        continue;

      /* a refusal or a conflict waits for the merchant: it comes first */
      box = trouble ? self->trouble_box : self->publications_box;
      text = publication_text (publication, platform);
      label = gtk_label_new (text);
      gtk_widget_set_name (label, "publication-state");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, trouble ? "error" : "dim-label");
      gtk_box_append (box, label);

      if (g_str_equal (publication->state, "conflict"))
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Send My Version"));
          g_autofree char *accessible = g_strdup_printf (_("Replace what %s has with this product as it is here"), platform);

          gtk_widget_set_name (button, "send-mine");
          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (button, accessible);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
          g_object_set_data (G_OBJECT (button), "account-id", GSIZE_TO_POINTER (publication->account_id));
          g_signal_connect (button, "clicked", G_CALLBACK (send_mine_clicked_cb), self);
          gtk_box_append (box, button);
        }
      gtk_widget_set_visible (GTK_WIDGET (box), TRUE);
    }
}

static void
load_product (ComptoirProductEditor *self)
{
  GPtrArray *options = comptoir_product_get_options (self->product);
  GPtrArray *variants = comptoir_product_get_variants (self->product);
  GtkEntry *names[] = { self->option1_name, self->option2_name };
  GtkEntry *values[] = { self->option1_values, self->option2_values };
  g_autofree char *price = NULL;
  const char * const *units = comptoir_units_get_ids ();
  gint64 cents = comptoir_product_get_price_cents (self->product);

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name), comptoir_product_get_name (self->product));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description),
                            comptoir_product_get_description (self->product), -1);
  /* the amount as people type it: "12,50", no currency sign */
  price = comptoir_product_get_id (self->product) != 0
          ? g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", cents / 100, (int) (cents % 100))
          : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->price), price);
  for (guint i = 0; i < G_N_ELEMENTS (vat_rates); i++)
    if (vat_rates[i] == comptoir_product_get_vat_rate (self->product))
      gtk_drop_down_set_selected (self->vat_rate, i);
  for (guint i = 0; units[i] != NULL; i++)
    if (g_strcmp0 (units[i], comptoir_product_get_unit (self->product)) == 0)
      gtk_drop_down_set_selected (self->unit, i);
  gtk_switch_set_active (self->stock_tracked, comptoir_product_get_stock_tracked (self->product));
  gtk_spin_button_set_value (self->stock, comptoir_product_get_stock (self->product));
  gtk_editable_set_text (GTK_EDITABLE (self->sku), comptoir_product_get_sku (self->product));
  gtk_editable_set_text (GTK_EDITABLE (self->gtin), comptoir_product_get_gtin (self->product));
  gtk_editable_set_text (GTK_EDITABLE (self->category), comptoir_product_get_category (self->product));
  gtk_check_button_set_active (self->on_marketplace,
                               comptoir_product_get_visibility (self->product) & COMPTOIR_VISIBILITY_MARKETPLACE);
  gtk_check_button_set_active (self->on_directory,
                               comptoir_product_get_visibility (self->product) & COMPTOIR_VISIBILITY_DIRECTORY);

  for (guint i = 0; i < options->len && i < G_N_ELEMENTS (names); i++)
    {
      ComptoirProductOption *option = g_ptr_array_index (options, i);
      g_autofree char *joined = g_strjoinv (", ", option->values);

      gtk_editable_set_text (GTK_EDITABLE (names[i]), option->name);
      gtk_editable_set_text (GTK_EDITABLE (values[i]), joined);
    }
  for (guint i = 0; i < variants->len; i++)
    {
      ComptoirVariant *v = g_ptr_array_index (variants, i);
      VariantText *text = g_new0 (VariantText, 1);

      text->price = g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", v->price_cents / 100, (int) (v->price_cents % 100));
      text->stock = v->stock_tracked ? g_strdup_printf ("%" G_GINT64_FORMAT, v->stock) : g_strdup ("");
      text->sku = g_strdup (v->sku);
      g_hash_table_insert (self->variant_texts, variant_key (v->value1, v->value2), text);
    }

  load_publications (self);
  comptoir_product_editor_is_valid (self);
  self->loading = FALSE;
  self->dirty = FALSE;
}

static void
set_up_completion (ComptoirProductEditor *self)
{
  g_auto(GStrv) categories = comptoir_product_list_categories (self->store, NULL);
  GtkEntryCompletion *completion = gtk_entry_completion_new ();
  GtkListStore *store = gtk_list_store_new (1, G_TYPE_STRING);

  /* GtkEntryCompletion is what GTK 4.8 offers for an entry with suggestions */
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, categories[i], -1);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  g_object_unref (store);
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (self->category, completion);
  g_object_unref (completion);
}

static void
comptoir_product_editor_dispose (GObject *object)
{
  ComptoirProductEditor *self = COMPTOIR_PRODUCT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PRODUCT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->product);
  g_clear_pointer (&self->variant_texts, g_hash_table_unref);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->publications_shown, g_free);

  G_OBJECT_CLASS (comptoir_product_editor_parent_class)->dispose (object);
}

static void
comptoir_product_editor_class_init (ComptoirProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = comptoir_product_editor_dispose;
  window_class->close_request = comptoir_product_editor_close_request;

  /**
   * ComptoirProductEditor::saved:
   * @id: the id of the saved product
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-product-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ComptoirProductEditor, name)
  BIND (window_title);
  BIND (save_button);
  BIND (message_revealer);
  BIND (message);
  BIND (name);
  BIND (name_error);
  BIND (description);
  BIND (photos_box);
  BIND (publications_box);
  BIND (trouble_box);
  BIND (toast_overlay);
  BIND (price);
  BIND (price_error);
  BIND (vat_rate);
  BIND (unit);
  BIND (stock_tracked);
  BIND (stock);
  BIND (sku);
  BIND (gtin);
  BIND (gtin_error);
  BIND (category);
  BIND (on_marketplace);
  BIND (on_directory);
  BIND (option1_name);
  BIND (option1_values);
  BIND (option2_name);
  BIND (option2_values);
  BIND (option2_values_error);
  BIND (variants_grid);
  BIND (variants_error);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
comptoir_product_editor_init (ComptoirProductEditor *self)
{
  const char *vat_labels[] = {
    C_("catalog", "20 % (standard rate)"),
    C_("catalog", "10 % (intermediate rate)"),
    C_("catalog", "5.5 % (reduced rate)"),
    C_("catalog", "2.1 % (special rate)"),
    NULL
  };
  g_autoptr(GStrvBuilder) unit_labels = g_strv_builder_new ();
  g_auto(GStrv) units = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->variant_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) variant_text_free);
  for (const char * const *id = comptoir_units_get_ids (); *id != NULL; id++)
    g_strv_builder_add (unit_labels, comptoir_unit_get_label (*id));
  units = g_strv_builder_end (unit_labels);
  self->loading = TRUE;
  gtk_drop_down_set_model (self->vat_rate, G_LIST_MODEL (gtk_string_list_new (vat_labels)));
  gtk_drop_down_set_model (self->unit, G_LIST_MODEL (gtk_string_list_new ((const char * const *) units)));
  self->loading = FALSE;
}

/**
 * comptoir_product_editor_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store
 * @product_id: the product to edit, or 0 for a new one
 * @error: a #GError
 *
 * Returns: (transfer none) (nullable): the editor, not yet shown; %NULL
 *   if the product cannot be loaded
 */
ComptoirProductEditor *
comptoir_product_editor_new (GtkWindow      *parent,
                             ComptoirStore  *store,
                             gint64          product_id,
                             GError        **error)
{
  ComptoirProductEditor *self;
  g_autoptr(ComptoirProduct) product = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  if (product_id != 0)
    {
      product = comptoir_product_load (store, product_id, error);
      if (product == NULL)
        return NULL;
    }
  else
    product = comptoir_product_new ();

  self = g_object_new (COMPTOIR_TYPE_PRODUCT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->product = g_steal_pointer (&product);
  adw_window_title_set_title (self->window_title,
                              product_id != 0 ? C_("catalog", "Edit Product") : C_("catalog", "New Product"));
  gtk_window_set_title (GTK_WINDOW (self), product_id != 0 ? C_("catalog", "Edit Product") : C_("catalog", "New Product"));
  set_up_completion (self);

  self->photo_strip = COMPTOIR_PHOTO_STRIP (comptoir_photo_strip_new ());
  comptoir_photo_strip_set_store (self->photo_strip, store);
  comptoir_photo_strip_set_toast_overlay (self->photo_strip, self->toast_overlay);
  if (product_id != 0)
    {
      g_auto(GStrv) hashes = comptoir_product_photos_get (store, product_id, NULL);
      comptoir_photo_strip_set_hashes (self->photo_strip, (const char * const *) hashes);
    }
  gtk_box_append (self->photos_box, GTK_WIDGET (self->photo_strip));
  gtk_widget_set_visible (GTK_WIDGET (self->photos_box), TRUE);
  g_signal_connect_object (self->photo_strip, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->photo_strip, "notify::busy", G_CALLBACK (comptoir_product_editor_is_valid),
                           self, G_CONNECT_SWAPPED);

  load_product (self);
  /* what the platforms answered while the editor is open */
  g_signal_connect_object (store, "changed", G_CALLBACK (load_publications), self, G_CONNECT_SWAPPED);
  return self;
}
