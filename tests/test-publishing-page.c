// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <glib/gi18n.h>

#include "comptoir-account.h"
#include "comptoir-connect-dialog.h"
#include "comptoir-publishing-page.h"
#include "comptoir-sandbox-utils.h"
#include "comptoir-ui-test-utils.h"

/* Connects both platforms of a running sandbox through the real dialogs,
 * in French, then signs one out. Screenshots go to the build folder. */

/* Waits, then lets the widgets settle. */
static void
wait_for (ComptoirUiTestDoneFunc done,
          gpointer               data)
{
  g_assert_true (comptoir_ui_test_wait_until (done, data));
  comptoir_ui_test_spin (150);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  comptoir_ui_test_spin (400); /* let page transitions finish */
  comptoir_ui_test_save_screenshot (widget, name);
}

/* What a click does (gtk_widget_activate() only clicks 250 ms later). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static ComptoirConnectDialog *
find_dialog (void)
{
  return comptoir_ui_test_find_toplevel (COMPTOIR_TYPE_CONNECT_DIALOG, COMPTOIR_UI_TEST_MAPPED);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static GtkWidget *
child (ComptoirConnectDialog *dialog,
       const char            *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), COMPTOIR_TYPE_CONNECT_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

typedef struct
{
  GtkStack   *stack;
  const char *page;
  GtkWidget  *error;
} StackWait;

static gboolean
stack_on_page_or_error (gpointer data)
{
  StackWait *wait = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (wait->stack), wait->page) == 0
         || (wait->error != NULL && gtk_widget_get_visible (wait->error));
}

static void
wait_for_page (ComptoirConnectDialog *dialog,
               const char            *page,
               const char            *error_name)
{
  StackWait wait = { GTK_STACK (child (dialog, "stack")), page, child (dialog, error_name) };

  wait_for (stack_on_page_or_error, &wait);
  if (gtk_widget_get_visible (wait.error))
    g_error ("The dialog showed: %s", gtk_label_get_text (GTK_LABEL (wait.error)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (wait.stack), ==, page);
}

static char *
platform_field (ComptoirTestSandbox *sandbox,
                const char          *kind,
                const char          *field,
                gint64              *number)
{
  g_autofree char *path = g_strdup_printf ("/%s/v1/.well-known/comptoir-platform", kind);
  g_autoptr(JsonNode) info = comptoir_test_sandbox_control (sandbox, "GET", path, NULL, NULL);
  JsonObject *object = json_node_get_object (info);

  if (number != NULL)
    *number = json_object_get_int_member (object, field);
  return number ? NULL : g_strdup (json_object_get_string_member (object, field));
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;
  return comptoir_ui_test_find_widget (wait->root, GTK_TYPE_LABEL, wait->text, COMPTOIR_UI_TEST_MAPPED) != NULL;
}

static AdwMessageDialog *
find_message (void)
{
  return comptoir_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, COMPTOIR_UI_TEST_VISIBLE);
}

static gboolean
message_shown (gpointer data)
{
  return find_message () != NULL;
}

static gboolean
row_gone (gpointer data)
{
  LabelWait *wait = data;
  return comptoir_ui_test_find_widget (wait->root, ADW_TYPE_ACTION_ROW, wait->text, COMPTOIR_UI_TEST_MAPPED) == NULL;
}

/* Both accounts connected: a run went through each (the engine runs for
 * an account as soon as it is connected), and the line under each says so. */
static gboolean
both_synced (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *sync_button = comptoir_ui_test_find_named (wait->root, "sync-button");
  guint n = 0;

  for (GtkWidget *row = comptoir_ui_test_find_widget (wait->root, ADW_TYPE_ACTION_ROW, NULL, COMPTOIR_UI_TEST_MAPPED);
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && g_str_equal (gtk_widget_get_name (row), "account-status")
        && gtk_widget_get_visible (row)
        && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), wait->text) != NULL)
      n++;
  return n == 2 && sync_button != NULL && gtk_widget_get_visible (sync_button);
}

static void
test_connect_both (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  ComptoirApplication *app;
  ComptoirWindow *window = comptoir_ui_test_start_app (&app, 0, 0);
  g_autofree char *market_name = platform_field (sandbox, "marketplace", "name", NULL);
  g_autofree char *directory_name = platform_field (sandbox, "directory", "name", NULL);
  g_autofree char *rate_text = NULL;
  g_autoptr(ComptoirStore) store = NULL;
  g_autoptr(GListModel) accounts = NULL;
  ComptoirConnectDialog *dialog;
  GtkWidget *page, *row, *button;
  gint64 rate = 0;
  LabelWait wait;

  platform_field (sandbox, "marketplace", "commission_rate", &rate);
  rate_text = comptoir_format_commission ((int) rate);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "publishing");
  comptoir_ui_test_spin (300);
  page = comptoir_ui_test_find_widget (GTK_WIDGET (window), COMPTOIR_TYPE_PUBLISHING_PAGE, NULL,
                                       COMPTOIR_UI_TEST_MAPPED);
  g_assert_nonnull (page);
  /* The empty state invites to connect a platform. */
  button = comptoir_ui_test_find_widget (page, GTK_TYPE_BUTTON, "_Connecter une plateforme…", COMPTOIR_UI_TEST_MAPPED);
  g_assert_nonnull (button);
  save_screenshot (GTK_WIDGET (window), "publishing-empty");

  /* An insecure address is refused, in French, under the form. */
  click (button);
  wait_for (dialog_shown, NULL);
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), "http://marche.example.invalid");
  click (child (dialog, "continue_button"));
  wait_for ((gboolean (*) (gpointer)) gtk_widget_get_visible, child (dialog, "address_error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (dialog, "address_error"))), "https://"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (dialog, "address_error"))), "sécurisée"));
  save_screenshot (GTK_WIDGET (dialog), "connect-error");

  /* The marketplace: address, Continue, what it is, then sign in. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), sandbox->marketplace);
  click (child (dialog, "continue_button"));
  wait_for_page (dialog, "sign-in", "address_error");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (dialog, "name_row"))), ==, market_name);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (dialog, "commission_row"))), ==, rate_text);
  g_assert_true (gtk_widget_get_visible (child (dialog, "email_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "key_row")));
  g_assert_nonnull (gtk_link_button_get_uri (GTK_LINK_BUTTON (child (dialog, "terms_button"))));
  save_screenshot (GTK_WIDGET (dialog), "connect-marketplace");

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "email_row")), sandbox->email);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "password_row")), "pas le bon");
  click (child (dialog, "sign_in_button"));
  wait_for ((gboolean (*) (gpointer)) gtk_widget_get_visible, child (dialog, "sign_in_error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "sign_in_error"))), ==,
                   _("The e-mail address or the password is wrong."));
  g_assert_cmpstr (_("The e-mail address or the password is wrong."), !=, "The e-mail address or the password is wrong.");

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "password_row")), sandbox->password);
  click (child (dialog, "sign_in_button"));
  wait_for_page (dialog, "done", "sign_in_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "password_row"))), ==, "");
  save_screenshot (GTK_WIDGET (dialog), "connect-done");
  click (child (dialog, "done_button"));
  wait_for (dialog_gone, NULL);

  row = comptoir_ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, market_name, COMPTOIR_UI_TEST_MAPPED);
  g_assert_nonnull (row);

  /* The directory, with Enter instead of the buttons, and an access key. */
  gtk_widget_activate_action (page, "publishing.connect", NULL);
  wait_for (dialog_shown, NULL);
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), sandbox->directory);
  g_signal_emit_by_name (child (dialog, "address_row"), "entry-activated");
  wait_for_page (dialog, "sign-in", "address_error");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (dialog, "name_row"))), ==, directory_name);
  g_assert_false (gtk_widget_get_visible (child (dialog, "commission_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "key_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "password_row")));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "key_row")), sandbox->api_key);
  g_signal_emit_by_name (child (dialog, "key_row"), "entry-activated");
  wait_for_page (dialog, "done", "sign_in_error");
  /* Escape closes the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_for (dialog_gone, NULL);

  g_assert_nonnull (comptoir_ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, directory_name, COMPTOIR_UI_TEST_MAPPED));
  wait = (LabelWait) { GTK_WIDGET (window), "Tout est envoyé · vérifié à " };
  wait_for (both_synced, &wait);
  save_screenshot (GTK_WIDGET (window), "publishing-two-accounts");

  /* Sign out of the marketplace: its row says to sign in again. */
  row = comptoir_ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, market_name, COMPTOIR_UI_TEST_MAPPED);
  button = comptoir_ui_test_find_widget (row, GTK_TYPE_BUTTON, "Se _déconnecter", COMPTOIR_UI_TEST_MAPPED);
  g_assert_nonnull (button);
  click (button);
  wait = (LabelWait) { page, "À reconnecter" };
  wait_for (label_shown, &wait);
  row = comptoir_ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, market_name, COMPTOIR_UI_TEST_MAPPED);
  g_assert_nonnull (comptoir_ui_test_find_widget (row, GTK_TYPE_BUTTON, "Se _reconnecter…", COMPTOIR_UI_TEST_MAPPED));
  save_screenshot (GTK_WIDGET (window), "publishing-signed-out");

  /* Signing in again starts from the account's address. */
  click (comptoir_ui_test_find_widget (row, GTK_TYPE_BUTTON, "Se _reconnecter…", COMPTOIR_UI_TEST_MAPPED));
  wait_for (dialog_shown, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "address_row"))), ==, sandbox->marketplace);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_for (dialog_gone, NULL);

  /* Removing asks first; cancelling keeps the account. */
  row = comptoir_ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, directory_name, COMPTOIR_UI_TEST_MAPPED);
  click (comptoir_ui_test_find_widget (row, GTK_TYPE_BUTTON, "_Retirer…", COMPTOIR_UI_TEST_MAPPED));
  wait_for (message_shown, NULL);
  adw_message_dialog_response (find_message (), "cancel");
  comptoir_ui_test_spin (200);
  g_assert_nonnull (comptoir_ui_test_find_widget (page, ADW_TYPE_ACTION_ROW, directory_name, COMPTOIR_UI_TEST_MAPPED));
  click (comptoir_ui_test_find_widget (row, GTK_TYPE_BUTTON, "_Retirer…", COMPTOIR_UI_TEST_MAPPED));
  wait_for (message_shown, NULL);
  save_screenshot (GTK_WIDGET (find_message ()), "remove-confirm");
  adw_message_dialog_response (find_message (), "remove");
  wait = (LabelWait) { page, directory_name };
  wait_for (row_gone, &wait);

  store = comptoir_store_open (NULL, NULL);
  accounts = comptoir_account_list (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  {
    g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, 0);
    g_assert_cmpstr (comptoir_account_get_kind (account), ==, "marketplace");
    g_assert_false (comptoir_account_get_signed_in (account));
  }

  comptoir_ui_test_stop_app (app);
  comptoir_test_sandbox_stop (sandbox);
}

/* Without a window manager (Xvfb), GTK warns when a focused entry's window
 * goes away; that says nothing about Comptoir. */
static GLogWriterOutput
ignore_headless_focus_warning (GLogLevelFlags   log_level,
                               const GLogField *fields,
                               gsize            n_fields,
                               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0
        && strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
test_commission_format (void)
{
  g_autofree char *whole = comptoir_format_commission (800);
  g_autofree char *half = comptoir_format_commission (850);
  g_autofree char *fine = comptoir_format_commission (1275);

  g_assert_cmpstr (whole, ==, "8\u00a0%");
  g_assert_cmpstr (half, ==, "8,5\u00a0%");
  g_assert_cmpstr (fine, ==, "12,75\u00a0%");
}

/* build-aux/demo passes the sandbox's start-up line: the dialog offers its
 * addresses, the marketplace first, and fills in the demo credentials. */
static void
test_demo_sandbox_prefill (void)
{
  ComptoirTestSandbox *sandbox = comptoir_test_sandbox_start (NULL, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  ComptoirApplication *app;
  ComptoirWindow *window;
  ComptoirConnectDialog *dialog;
  GtkWidget *page;
  StackWait wait;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "marketplace");
  json_builder_add_string_value (builder, sandbox->marketplace);
  json_builder_set_member_name (builder, "directory");
  json_builder_add_string_value (builder, sandbox->directory);
  json_builder_set_member_name (builder, "marketplace_email");
  json_builder_add_string_value (builder, sandbox->email);
  json_builder_set_member_name (builder, "marketplace_password");
  json_builder_add_string_value (builder, sandbox->password);
  json_builder_set_member_name (builder, "directory_api_key");
  json_builder_add_string_value (builder, sandbox->api_key);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  g_setenv ("COMPTOIR_DEMO_SANDBOX", line, TRUE);

  window = comptoir_ui_test_start_app (&app, 0, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "publishing");
  comptoir_ui_test_spin (300);
  page = comptoir_ui_test_find_widget (GTK_WIDGET (window), COMPTOIR_TYPE_PUBLISHING_PAGE, NULL,
                                       COMPTOIR_UI_TEST_MAPPED);
  gtk_widget_activate_action (page, "publishing.connect", NULL);
  wait_for (dialog_shown, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "address_row"))), ==, sandbox->marketplace);

  click (child (dialog, "continue_button"));
  wait = (StackWait) { GTK_STACK (child (dialog, "stack")), "sign-in", child (dialog, "address_error") };
  wait_for (stack_on_page_or_error, &wait);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "email_row"))), ==, sandbox->email);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "password_row"))), ==, sandbox->password);
  click (child (dialog, "sign_in_button"));
  wait = (StackWait) { GTK_STACK (child (dialog, "stack")), "done", child (dialog, "sign_in_error") };
  wait_for (stack_on_page_or_error, &wait);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (wait.stack), ==, "done");
  click (child (dialog, "done_button"));
  wait_for (dialog_gone, NULL);

  /* The marketplace is connected: the next offer is the directory. */
  gtk_widget_activate_action (page, "publishing.connect", NULL);
  wait_for (dialog_shown, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "address_row"))), ==, sandbox->directory);
  click (child (dialog, "continue_button"));
  wait = (StackWait) { GTK_STACK (child (dialog, "stack")), "sign-in", child (dialog, "address_error") };
  wait_for (stack_on_page_or_error, &wait);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "key_row"))), ==, sandbox->api_key);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_for (dialog_gone, NULL);

  g_unsetenv ("COMPTOIR_DEMO_SANDBOX");
  comptoir_ui_test_stop_app (app);
  comptoir_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (ignore_headless_focus_warning, NULL, NULL);
  comptoir_ui_test_init (&argc, &argv);

  g_test_add_func ("/publishing/commission-format", test_commission_format);
  g_test_add_func ("/publishing/connect-both", test_connect_both);
  g_test_add_func ("/publishing/demo-sandbox-prefill", test_demo_sandbox_prefill);

  return g_test_run ();
}
