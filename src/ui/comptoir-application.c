// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-application"

#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-application.h"
#include "comptoir-window.h"

struct _ComptoirApplication
{
  AdwApplication  parent_instance;

  ComptoirStore  *store;
  GError         *store_error;
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

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

  if (g_getenv ("COMPTOIR_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (first_frame_cb), self);
}

static void
comptoir_application_startup (GApplication *application)
{
  ComptoirApplication *self = COMPTOIR_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (comptoir_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  /* The store is opened once, here, and shared by every part of the app. */
  self->store = comptoir_store_open (NULL, &self->store_error);
}

static void
comptoir_application_dispose (GObject *object)
{
  ComptoirApplication *self = COMPTOIR_APPLICATION (object);

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
}

static void
comptoir_application_init (ComptoirApplication *self)
{
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
