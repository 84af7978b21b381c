// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-products-page"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-csv-import-dialog.h"
#include "comptoir-csv.h"
#include "comptoir-products-page-private.h"

/* The Products section's actions on many products at once (bulk edits of
 * the selection) and on the catalogue as a spreadsheet (import, export). */

/* Bulk edits */

static void
apply_bulk (ComptoirProductsPage   *self,
            const ComptoirBulkEdit *edit)
{
  g_autoptr(GArray) ids = comptoir_products_page_get_selected_ids (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) kept = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autofree char *text = NULL;

  kept = gtk_bitset_copy (kept);
  if (!comptoir_products_bulk_edit (self->store, (gint64 *) ids->data, ids->len, edit, &error))
    {
      comptoir_products_page_show_message (self, error->message);
      return;
    }
  comptoir_products_page_reload (self);
  /* keep the same rows selected, for the next change */
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), kept, kept);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product changed", "%u products changed", ids->len),
                          ids->len);
  comptoir_products_page_show_message (self, text);
}

typedef struct
{
  ComptoirProductsPage *self;
  GtkWidget            *entry;
  GtkWidget            *check1;
  GtkWidget            *check2;
  ComptoirBulkKind      kind;
} BulkDialog;

static void
bulk_dialog_free (gpointer  user_data,
                  GClosure *closure)
{
  BulkDialog *data = user_data;

  g_object_unref (data->self);
  g_free (data);
}

static void
bulk_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BulkDialog       *data)
{
  ComptoirBulkEdit edit = { .kind = data->kind };
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply"))
    return;

  switch (data->kind)
    {
    case COMPTOIR_BULK_PRICE_ADD:
    case COMPTOIR_BULK_PRICE_PERCENT:
      if (!comptoir_bulk_price_parse (gtk_editable_get_text (GTK_EDITABLE (data->entry)), &edit, &error))
        {
          comptoir_products_page_show_message (data->self, error->message);
          return;
        }
      break;
    case COMPTOIR_BULK_SET_STOCK:
      edit.amount = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->entry));
      break;
    case COMPTOIR_BULK_SET_CATEGORY:
      edit.category = gtk_editable_get_text (GTK_EDITABLE (data->entry));
      break;
    case COMPTOIR_BULK_SET_VISIBILITY:
      edit.visibility = (gtk_check_button_get_active (GTK_CHECK_BUTTON (data->check1)) ? COMPTOIR_VISIBILITY_MARKETPLACE : 0)
                        | (gtk_check_button_get_active (GTK_CHECK_BUTTON (data->check2)) ? COMPTOIR_VISIBILITY_DIRECTORY : 0);
      break;
    default:
      g_assert_not_reached ();
    }
  apply_bulk (data->self, &edit);
}

static void
price_entry_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  ComptoirBulkEdit edit;

  adw_message_dialog_set_response_enabled (dialog, "apply",
                                           comptoir_bulk_price_parse (gtk_editable_get_text (entry), &edit, NULL));
}

static void
run_bulk_dialog (ComptoirProductsPage *self,
                 ComptoirBulkKind      kind)
{
  g_autoptr(GArray) ids = comptoir_products_page_get_selected_ids (self);
  BulkDialog *data = g_new0 (BulkDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "This changes %u product at once.",
                                                        "This changes %u products at once.", ids->len),
                                           ids->len);
  const char *heading = NULL;
  AdwMessageDialog *dialog;

  data->self = g_object_ref (self);
  data->kind = kind;

  switch (kind)
    {
    case COMPTOIR_BULK_PRICE_ADD:
    case COMPTOIR_BULK_PRICE_PERCENT:
      heading = C_("catalog", "Change the Price");
      data->entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), C_("catalog", "+10 %, -5 %, +0,50…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("catalog", "Price change"), -1);
      gtk_box_append (GTK_BOX (box), data->entry);
      {
        GtkWidget *hint = gtk_label_new (C_("catalog", "A percentage such as -10 %, or an amount in euros such as +0,50. "
                                           "Prices are rounded to the cent and never go below zero; "
                                           "variants change too."));
        gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
        gtk_label_set_xalign (GTK_LABEL (hint), 0);
        gtk_widget_add_css_class (hint, "dim-label");
        gtk_widget_add_css_class (hint, "caption");
        gtk_box_append (GTK_BOX (box), hint);
      }
      break;
    case COMPTOIR_BULK_SET_STOCK:
      heading = C_("catalog", "Set the Stock");
      data->entry = gtk_spin_button_new_with_range (0, G_MAXINT32, 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("catalog", "Quantity in stock"), -1);
      gtk_box_append (GTK_BOX (box), data->entry);
      break;
    case COMPTOIR_BULK_SET_CATEGORY:
      heading = C_("catalog", "Set the Category");
      data->entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (data->entry), C_("catalog", "For example: Bakery"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("catalog", "Category"), -1);
      gtk_box_append (GTK_BOX (box), data->entry);
      break;
    case COMPTOIR_BULK_SET_VISIBILITY:
      heading = C_("catalog", "Where They Appear");
      data->check1 = gtk_check_button_new_with_mnemonic (C_("catalog", "On the _marketplace, for sale"));
      data->check2 = gtk_check_button_new_with_mnemonic (C_("catalog", "On the _directory, as a showcase"));
      gtk_box_append (GTK_BOX (box), data->check1);
      gtk_box_append (GTK_BOX (box), data->check2);
      break;
    default:
      g_assert_not_reached ();
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (comptoir_products_page_get_window (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", C_("catalog", "_Cancel"), "apply", C_("catalog", "_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, box);
  if (kind == COMPTOIR_BULK_PRICE_ADD || kind == COMPTOIR_BULK_PRICE_PERCENT)
    {
      adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
      g_signal_connect (data->entry, "changed", G_CALLBACK (price_entry_changed_cb), dialog);
    }
  if (GTK_IS_ENTRY (data->entry))
    gtk_entry_set_activates_default (GTK_ENTRY (data->entry), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (bulk_response_cb), data,
                         bulk_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
comptoir_products_page_bulk_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));
  ComptoirBulkKind kind;

  if (g_str_equal (name, "bulk-price"))
    kind = COMPTOIR_BULK_PRICE_PERCENT;
  else if (g_str_equal (name, "bulk-stock"))
    kind = COMPTOIR_BULK_SET_STOCK;
  else if (g_str_equal (name, "bulk-category"))
    kind = COMPTOIR_BULK_SET_CATEGORY;
  else
    kind = COMPTOIR_BULK_SET_VISIBILITY;
  run_bulk_dialog (COMPTOIR_PRODUCTS_PAGE (user_data), kind);
}

void
comptoir_products_page_unselect_all_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* Import and export */

static void
import_done_cb (ComptoirCsvImportDialog *dialog,
                guint                    n_imported,
                ComptoirProductsPage    *self)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product imported",
                                                        "%u products imported", n_imported),
                                           n_imported);
  comptoir_products_page_reload (self);
  comptoir_products_page_show_message (self, text);
}

static void
import_response_cb (GtkNativeDialog      *chooser,
                    int                   response,
                    ComptoirProductsPage *self)
{
  g_autoptr(GFile) file = NULL;
  ComptoirCsvImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  dialog = comptoir_csv_import_dialog_new (comptoir_products_page_get_window (self), self->store, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, C_("catalog", "Spreadsheets saved as CSV"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  return filter;
}

void
comptoir_products_page_import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  chooser = gtk_file_chooser_native_new (C_("catalog", "Import a Spreadsheet"), comptoir_products_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, C_("catalog", "_Open"), C_("catalog", "_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ComptoirStore *store = source;
  GError *error = NULL;

  if (comptoir_csv_export (store, G_FILE (task_data), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ComptoirProductsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    comptoir_products_page_show_message (self, error->message);
  else
    comptoir_products_page_show_message (self, C_("catalog", "Catalogue exported"));
}

static void
export_response_cb (GtkNativeDialog      *chooser,
                    int                   response,
                    ComptoirProductsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  task = g_task_new (self->store, NULL, export_done_cb, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

void
comptoir_products_page_export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  chooser = gtk_file_chooser_native_new (C_("catalog", "Export the Catalogue"), comptoir_products_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, C_("catalog", "_Export"), C_("catalog", "_Cancel"));
  /* TRANSLATORS: the suggested file name of an exported catalogue */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), C_("catalog", "products.csv"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

