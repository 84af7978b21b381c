// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-application"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-application.h"
#include "comptoir-csv.h"
#include "comptoir-sync-engine.h"
#include "comptoir-window.h"

struct _ComptoirApplication
{
  AdwApplication      parent_instance;

  ComptoirStore      *store;
  GError             *store_error;
  ComptoirSyncEngine *engine;
};

G_DEFINE_FINAL_TYPE (ComptoirApplication, comptoir_application, ADW_TYPE_APPLICATION)

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ComptoirApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows properly so that they save their size and section. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ComptoirApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Comptoir developers", NULL };

  adw_show_about_window (window,
                         "application-name", _("Comptoir"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Comptoir developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Your shop online, even when the connection is not"),
                         "website", "https://github.com/comptoir/comptoir",
                         "issue-url", "https://github.com/comptoir/comptoir/issues",
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
sync_now_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ComptoirApplication *self = user_data;

  if (self->engine != NULL)
    comptoir_sync_engine_sync_now (self->engine);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "sync-now", .activate = sync_now_action },
};

/* “Send now” waits while a run is under way. */
static void
engine_busy_cb (ComptoirApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "sync-now");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !comptoir_sync_engine_get_busy (self->engine));
}

/* Talking to the platforms starts once the window is on screen: it never
 * delays the first frame. */
static void
start_sync_cb (GdkFrameClock *clock,
               gpointer       user_data)
{
  ComptoirApplication *self = user_data;

  g_signal_handlers_disconnect_by_func (clock, start_sync_cb, user_data);
  if (self->engine != NULL)
    comptoir_sync_engine_start (self->engine);
}

static void
first_frame_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  ComptoirApplication *self = user_data;

  /* Benchmark hook (bench/startup): report the first painted frame, leave. */
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, user_data);
  g_print ("first-frame\n");
  g_application_quit (G_APPLICATION (self));
}

static void
store_error_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  g_application_release (G_APPLICATION (user_data));
}

static void
show_store_error (ComptoirApplication *self)
{
  AdwMessageDialog *dialog;

  /* Without its data the app can do nothing useful: say why, then leave. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Comptoir Cannot Open Your Shop"),
                                                       self->store_error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (store_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
comptoir_application_activate (GApplication *application)
{
  ComptoirApplication *self = COMPTOIR_APPLICATION (application);
  GtkWindow *window;

  if (self->store == NULL)
    {
      show_store_error (self);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (comptoir_window_new (ADW_APPLICATION (self), self->store));

  gtk_window_present (window);

  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (start_sync_cb), self, 0);
  if (g_getenv ("COMPTOIR_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (first_frame_cb), self);
}

static void
comptoir_application_startup (GApplication *application)
{
  ComptoirApplication *self = COMPTOIR_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *sync_accels[] = { "<Control>r", NULL };

  G_APPLICATION_CLASS (comptoir_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-now", sync_accels);

  /* The store is opened once, here, and shared by every part of the app. */
  self->store = comptoir_store_open (NULL, &self->store_error);
  if (self->store != NULL)
    {
      self->engine = comptoir_sync_engine_new (self->store);
      g_signal_connect_object (self->engine, "notify::busy", G_CALLBACK (engine_busy_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Headless import: exit status 0 when every row was imported, 2 when some
 * rows were refused (the others are imported), 1 when nothing was. */
static int
import_products (ComptoirStore *store,
                 const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirCsvPreview) preview = NULL;
  g_auto(GStrv) warnings = NULL;
  guint n_imported = 0;
  guint n_rejected;

  preview = comptoir_csv_import_preview (file, NULL, &error);
  if (preview == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_rejected = preview->rejected->len;
  for (guint i = 0; i < n_rejected; i++)
    {
      ComptoirCsvRejection *rejection = g_ptr_array_index (preview->rejected, i);
      /* TRANSLATORS: a refused row of an imported spreadsheet: line number, reason */
      g_printerr (_("Line %u: %s\n"), rejection->line, rejection->reason);
    }

  if (preview->rows->len > 0
      && !comptoir_csv_import_commit (store, preview, &n_imported, &warnings, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("%s\n", warnings[i]);

  /* TRANSLATORS: the summary of a headless import, with the next string:
   * "42 products imported, 3 lines refused" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u product imported", "%u products imported", n_imported),
           n_imported);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %u line refused\n", ", %u lines refused\n", n_rejected),
           n_rejected);

  if (n_imported == 0 && n_rejected > 0)
    return 1;
  return n_rejected > 0 ? 2 : 0;
}

static int
export_products (ComptoirStore *store,
                 const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  gint64 n = comptoir_store_count (store, "products");

  if (!comptoir_csv_export (store, file, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u product exported to %s\n", "%u products exported to %s\n",
                        (gulong) n),
           (guint) n, g_file_peek_path (file));
  return 0;
}

static int
comptoir_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_variant_dict_lookup (options, "import-products", "^ay", &import_path);
  g_variant_dict_lookup (options, "export-products", "^ay", &export_path);
  if (import_path == NULL && export_path == NULL)
    return -1; /* go on: open the window */

  store = comptoir_store_open (NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (import_path != NULL)
    status = import_products (store, import_path);
  if (export_path != NULL && status != 1)
    {
      int export_status = export_products (store, export_path);
      status = MAX (status, export_status);
    }
  comptoir_store_close (store);
  return status;
}

static void
comptoir_application_dispose (GObject *object)
{
  ComptoirApplication *self = COMPTOIR_APPLICATION (object);

  /* what is under way is cancelled, not waited for: it is sent again later */
  if (self->engine != NULL)
    g_object_run_dispose (G_OBJECT (self->engine));
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (comptoir_application_parent_class)->dispose (object);
}

static void
comptoir_application_class_init (ComptoirApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = comptoir_application_dispose;
  app_class->activate = comptoir_application_activate;
  app_class->startup = comptoir_application_startup;
  app_class->handle_local_options = comptoir_application_handle_local_options;
}

static void
comptoir_application_init (ComptoirApplication *self)
{
  const GOptionEntry entries[] = {
    { "import-products", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import the products of a spreadsheet (CSV) without opening a window"), N_("FILE") },
    { "export-products", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Export the products to a spreadsheet (CSV) without opening a window"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

ComptoirApplication *
comptoir_application_new (void)
{
  return g_object_new (COMPTOIR_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

ComptoirStore *
comptoir_application_get_store (ComptoirApplication *self)
{
  g_return_val_if_fail (COMPTOIR_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * comptoir_application_get_sync_engine:
 *
 * Returns: (nullable) (transfer none): what sends and fetches, %NULL when
 *   the store could not be opened
 */
ComptoirSyncEngine *
comptoir_application_get_sync_engine (ComptoirApplication *self)
{
  g_return_val_if_fail (COMPTOIR_IS_APPLICATION (self), NULL);

  return self->engine;
}
