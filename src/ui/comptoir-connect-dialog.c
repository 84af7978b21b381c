// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include <json-glib/json-glib.h>

#include "comptoir-account.h"
#include "comptoir-connect-dialog.h"
#include "comptoir-error.h"
#include "comptoir-platform.h"

/* "Connect a platform": type the address, see what the platform is and
 * what it takes, then sign in. Text from the platform is shown as plain
 * text, never as markup. */

struct _ComptoirConnectDialog
{
  AdwWindow             parent_instance;

  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwEntryRow          *address_row;
  GtkLabel             *address_error;
  GtkButton            *continue_button;
  AdwActionRow         *name_row;
  AdwActionRow         *kind_row;
  AdwActionRow         *commission_row;
  GtkLinkButton        *terms_button;
  AdwEntryRow          *email_row;
  AdwEntryRow          *password_row;
  AdwEntryRow          *key_row;
  GtkLabel             *sign_in_error;
  GtkButton            *sign_in_button;
  AdwStatusPage        *done_page;
  GtkButton            *done_button;

  ComptoirStore        *store;
  ComptoirPlatformInfo *info;
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (ComptoirConnectDialog, comptoir_connect_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * comptoir_format_commission:
 * @basis_points: 800 for 8 %
 *
 * Returns: the rate as a percentage in the merchant's language ("8 %",
 *   "8,5 %"), computed without floating point.
 */
char *
comptoir_format_commission (int basis_points)
{
  int whole = basis_points / 100;
  int hundredths = basis_points % 100;
  g_autofree char *number = NULL;

  if (hundredths == 0)
    number = g_strdup_printf ("%d", whole);
  else if (hundredths % 10 == 0)
    number = g_strdup_printf ("%d%s%d", whole, localeconv ()->decimal_point, hundredths / 10);
  else
    number = g_strdup_printf ("%d%s%02d", whole, localeconv ()->decimal_point, hundredths);
  /* TRANSLATORS: a percentage; French puts a no-break space before % */
  return g_strdup_printf (C_("percentage", "%s %%"), number);
}

static void
set_busy (ComptoirConnectDialog *self,
          gboolean               busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), !busy);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  /* Our own translated sentences; set as plain text all the same. */
  gtk_label_set_text (label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static gboolean
is_directory (ComptoirConnectDialog *self)
{
  return self->info != NULL && g_str_equal (self->info->kind, "directory");
}

/* build-aux/demo starts a sandbox serving both platforms and passes its
 * start-up line in COMPTOIR_DEMO_SANDBOX. The dialog then offers the
 * sandbox's addresses and demo credentials, so that a newcomer sees the
 * whole flow without looking them up. Unset in real use. */
static char *
demo_sandbox_get (const char *member)
{
  const char *line = g_getenv ("COMPTOIR_DEMO_SANDBOX");
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (line == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, line, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), member, NULL));
}

static gboolean
account_exists (ComptoirStore *store,
                const char    *base_url)
{
  g_autoptr(GListModel) accounts = comptoir_account_list (store, NULL);
  guint n = accounts ? g_list_model_get_n_items (accounts) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, i);
      if (g_strcmp0 (comptoir_account_get_base_url (account), base_url) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
fill_demo_credentials (ComptoirConnectDialog *self)
{
  g_autofree char *marketplace = demo_sandbox_get ("marketplace");
  g_autofree char *directory = demo_sandbox_get ("directory");

  if (marketplace != NULL && g_str_equal (self->info->base_url, marketplace))
    {
      g_autofree char *email = demo_sandbox_get ("marketplace_email");
      g_autofree char *password = demo_sandbox_get ("marketplace_password");

      gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
    }
  else if (directory != NULL && g_str_equal (self->info->base_url, directory))
    {
      g_autofree char *key = demo_sandbox_get ("directory_api_key");

      gtk_editable_set_text (GTK_EDITABLE (self->key_row), key ? key : "");
    }
}

static void
show_platform (ComptoirConnectDialog *self)
{
  ComptoirPlatformInfo *info = self->info;
  gboolean directory = is_directory (self);

  adw_action_row_set_subtitle (self->name_row, info->name);
  adw_action_row_set_subtitle (self->kind_row,
                               directory ? _("Solidarity directory: your shop is listed for free")
                                         : _("Marketplace: customers order and pay online"));
  gtk_widget_set_visible (GTK_WIDGET (self->commission_row), !directory && info->commission_rate >= 0);
  if (info->commission_rate >= 0)
    {
      g_autofree char *rate = comptoir_format_commission (info->commission_rate);
      adw_action_row_set_subtitle (self->commission_row, rate);
    }
  gtk_link_button_set_uri (self->terms_button, info->terms_url);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), !directory);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !directory);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), directory);
  show_error (self->sign_in_error, NULL);
  fill_demo_credentials (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->sign_in_button));
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  gtk_widget_grab_focus (GTK_WIDGET (directory ? self->key_row : self->email_row));
}

static void
discover_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ComptoirConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ComptoirPlatformInfo *info = comptoir_platform_discover_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (info == NULL)
    {
      show_error (self->address_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }
  g_clear_pointer (&self->info, comptoir_platform_info_free);
  self->info = info;
  show_platform (self);
}

static void
continue_cb (ComptoirConnectDialog *self)
{
  if (self->busy)
    return;
  show_error (self->address_error, NULL);
  set_busy (self, TRUE);
  comptoir_platform_discover_async (gtk_editable_get_text (GTK_EDITABLE (self->address_row)),
                                    self->cancellable, discover_cb, g_object_ref (self));
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ComptoirConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirAccount) account = comptoir_platform_connect_finish (result, &error);
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (account == NULL)
    {
      show_error (self->sign_in_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (is_directory (self) ? self->key_row : self->password_row));
      return;
    }

  /* The secret is in the keyring now: do not keep it in the form. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  escaped = g_markup_escape_text (self->info->name, -1);
  description = g_strdup_printf (_("Comptoir will publish your shop on “%s” whenever the connection allows."),
                                 escaped);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
  g_signal_emit (self, signals[CONNECTED], 0, account);
}

static void
sign_in_cb (ComptoirConnectDialog *self)
{
  gboolean directory = is_directory (self);

  if (self->busy || self->info == NULL)
    return;
  show_error (self->sign_in_error, NULL);
  set_busy (self, TRUE);
  comptoir_platform_connect_async (self->store, self->info,
                                   directory ? NULL : gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (directory ? self->key_row : self->password_row)),
                                   self->cancellable, connect_cb, g_object_ref (self));
}

static void
email_activated_cb (ComptoirConnectDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
comptoir_connect_dialog_dispose (GObject *object)
{
  ComptoirConnectDialog *self = COMPTOIR_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->password_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (self->key_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_CONNECT_DIALOG);
  G_OBJECT_CLASS (comptoir_connect_dialog_parent_class)->dispose (object);
}

static void
comptoir_connect_dialog_finalize (GObject *object)
{
  ComptoirConnectDialog *self = COMPTOIR_CONNECT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->info, comptoir_platform_info_free);
  G_OBJECT_CLASS (comptoir_connect_dialog_parent_class)->finalize (object);
}

static void
comptoir_connect_dialog_class_init (ComptoirConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_connect_dialog_dispose;
  object_class->finalize = comptoir_connect_dialog_finalize;

  /**
   * ComptoirConnectDialog::connected:
   * @account: the account now connected
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, COMPTOIR_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, address_error);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, commission_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, terms_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, ComptoirConnectDialog, done_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
comptoir_connect_dialog_init (ComptoirConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* Enter continues; the address is where typing goes. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->address_row));
  g_signal_connect_swapped (self->continue_button, "clicked", G_CALLBACK (continue_cb), self);
  g_signal_connect_swapped (self->address_row, "entry-activated", G_CALLBACK (continue_cb), self);
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (sign_in_cb), self);
  g_signal_connect_swapped (self->email_row, "entry-activated", G_CALLBACK (email_activated_cb), self);
  g_signal_connect_swapped (self->password_row, "entry-activated", G_CALLBACK (sign_in_cb), self);
  g_signal_connect_swapped (self->key_row, "entry-activated", G_CALLBACK (sign_in_cb), self);
}

/**
 * comptoir_connect_dialog_new:
 * @parent: the window it belongs to
 * @store: where the account is recorded
 * @address: (nullable): an address to start with (signing in again)
 */
ComptoirConnectDialog *
comptoir_connect_dialog_new (GtkWindow     *parent,
                             ComptoirStore *store,
                             const char    *address)
{
  ComptoirConnectDialog *self;
  g_autofree char *demo_address = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  self = g_object_new (COMPTOIR_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (address == NULL)
    {
      g_autofree char *marketplace = demo_sandbox_get ("marketplace");
      g_autofree char *directory = demo_sandbox_get ("directory");

      if (marketplace != NULL)
        address = demo_address = g_strdup (account_exists (store, marketplace) ? directory : marketplace);
    }
  if (address != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  return self;
}
