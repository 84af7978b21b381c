// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-csv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-csv-import-dialog.h"
#include "comptoir-csv.h"
#include "comptoir-money.h"

/* The preview of a spreadsheet import: how the columns were understood,
 * the products that will be created, and every refused row with its
 * reason. Nothing is imported until "Import N Products". */

/* Beyond this, rows are counted rather than listed (the command line
 * `comptoir --import-products` lists every one). */
#define MAX_LISTED 1000

struct _ComptoirCsvImportDialog
{
  AdwWindow           parent_instance;

  ComptoirStore      *store;
  GFile              *file;
  ComptoirCsvPreview *preview;
  GCancellable       *cancellable;

  GtkWidget          *import_button;
  GtkStack           *stack;
  AdwStatusPage      *status;
  GtkBox             *content;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (ComptoirCsvImportDialog, comptoir_csv_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
show_preview (ComptoirCsvImportDialog *self)
{
  ComptoirCsvPreview *preview = self->preview;
  GtkWidget *group;
  g_autofree char *button_label = NULL;
  g_autofree char *description = NULL;
  g_autofree char *rows_title = NULL;
  g_autofree char *refused_title = NULL;
  const char *separator = preview->separator == ';' ? C_("catalog", "semicolons")
                          : preview->separator == ',' ? C_("catalog", "commas") : C_("catalog", "tabs");

  /* TRANSLATORS: how the file was read: its encoding, then what separates the fields */
  description = g_strdup_printf (C_("catalog", "Read as %s text, fields separated by %s."), preview->encoding, separator);
  group = new_group (C_("catalog", "Columns"), description);
  for (guint i = 0; i < preview->n_columns; i++)
    {
      GtkWidget *row = new_row (preview->headers[i], comptoir_csv_field_get_label (preview->fields[i]));
      if (preview->fields[i] == COMPTOIR_CSV_FIELD_IGNORED)
        gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->content, group);

  if (preview->rejected->len > 0)
    {
      refused_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Row Refused", "%u Rows Refused",
                                                    preview->rejected->len),
                                       preview->rejected->len);
      group = new_group (refused_title, C_("catalog", "These rows will not be imported. Correct them in the spreadsheet "
                                          "and import it again, or add these products by hand."));
      for (guint i = 0; i < preview->rejected->len && i < MAX_LISTED; i++)
        {
          ComptoirCsvRejection *rejection = g_ptr_array_index (preview->rejected, i);
          g_autofree char *line = g_strdup_printf (C_("catalog", "Line %u"), rejection->line);
          GtkWidget *row = new_row (line, rejection->reason);

          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_add_css_class (row, "error");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      if (preview->rejected->len > MAX_LISTED)
        {
          g_autofree char *more = g_strdup_printf (C_("catalog", "and %u more"), preview->rejected->len - MAX_LISTED);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (more, ""));
        }
      gtk_box_append (self->content, group);
    }

  rows_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Product to Import", "%u Products to Import",
                                             preview->rows->len),
                                preview->rows->len);
  group = new_group (rows_title, NULL);
  for (guint i = 0; i < preview->rows->len && i < MAX_LISTED; i++)
    {
      ComptoirCsvRow *csv_row = g_ptr_array_index (preview->rows, i);
      g_autofree char *price = comptoir_money_format (comptoir_product_get_price_cents (csv_row->product));
      guint n_photos = csv_row->photos ? g_strv_length (csv_row->photos) : 0;
      g_autofree char *subtitle = n_photos > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u photo", "%s · %u photos", n_photos), price, n_photos)
        : g_strdup (price);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_row (comptoir_product_get_name (csv_row->product), subtitle));
    }
  if (preview->rows->len > MAX_LISTED)
    {
      g_autofree char *more = g_strdup_printf (C_("catalog", "and %u more"), preview->rows->len - MAX_LISTED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (more, ""));
    }
  gtk_box_append (self->content, group);

  button_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Product", "_Import %u Products",
                                               preview->rows->len),
                                  preview->rows->len);
  gtk_button_set_label (GTK_BUTTON (self->import_button), button_label);
  gtk_widget_set_sensitive (self->import_button, preview->rows->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
show_failure (ComptoirCsvImportDialog *self,
              const char              *message)
{
  /* the description is Pango markup, and the message may quote the file */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_icon_name (self->status, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status, C_("catalog", "This File Cannot Be Imported"));
  adw_status_page_set_description (self->status, escaped);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  ComptoirCsvPreview *preview = comptoir_csv_import_preview (G_FILE (task_data), cancellable, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) comptoir_csv_preview_free);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ComptoirCsvImportDialog *self = COMPTOIR_CSV_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  self->preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, error->message);
      return;
    }
  show_preview (self);
}

static void
commit_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ComptoirCsvImportDialog *self = source;
  GError *error = NULL;
  guint n = 0;

  if (comptoir_csv_import_commit (self->store, self->preview, &n, NULL, cancellable, &error))
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ComptoirCsvImportDialog *self = COMPTOIR_CSV_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (n < 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (self->import_button, TRUE);
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, (guint) n);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_clicked_cb (ComptoirCsvImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->preview == NULL)
    return;
  gtk_widget_set_sensitive (self->import_button, FALSE);
  task = g_task_new (self, self->cancellable, commit_done_cb, NULL);
  g_task_run_in_thread (task, commit_thread);
}

static void
comptoir_csv_import_dialog_dispose (GObject *object)
{
  ComptoirCsvImportDialog *self = COMPTOIR_CSV_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->preview, comptoir_csv_preview_free);

  G_OBJECT_CLASS (comptoir_csv_import_dialog_parent_class)->dispose (object);
}

static void
comptoir_csv_import_dialog_class_init (ComptoirCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_csv_import_dialog_dispose;

  /**
   * ComptoirCsvImportDialog::imported:
   * @n_imported: how many products were created
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
comptoir_csv_import_dialog_init (ComptoirCsvImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (C_("catalog", "_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), C_("catalog", "Import a Spreadsheet"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (C_("catalog", "_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_title (self->status, C_("catalog", "Reading the Spreadsheet…"));
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (self->status, spinner);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status), "status");

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->content));
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (self->stack, scroller, "preview");
  gtk_stack_set_visible_child_name (self->stack, "status");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * comptoir_csv_import_dialog_new:
 * @parent: (nullable): the main window
 * @store: the store to import into
 * @file: the spreadsheet
 *
 * Returns: (transfer none): a dialog that reads @file at once (off the
 *   main thread) and shows the preview
 */
ComptoirCsvImportDialog *
comptoir_csv_import_dialog_new (GtkWindow     *parent,
                                ComptoirStore *store,
                                GFile         *file)
{
  ComptoirCsvImportDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (COMPTOIR_TYPE_CSV_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);

  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, preview_thread);
  return self;
}
