// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-publishing-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "comptoir-account.h"
#include "comptoir-connect-dialog.h"
#include "comptoir-platform.h"
#include "comptoir-outbox.h"
#include "comptoir-publishing-page.h"

/* Publishing: the connected platform accounts, each with its state, and
 * the way to connect, sign out or remove one. */

struct _ComptoirPublishingPage
{
  GtkWidget            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *accounts_group;

  ComptoirStore       *store;
  ComptoirSyncEngine  *engine;
  GPtrArray           *rows;
  char                *shown;      /* what the rows were built for, see rows_key() */
  gulong               store_changed_id;
};

G_DEFINE_FINAL_TYPE (ComptoirPublishingPage, comptoir_publishing_page, GTK_TYPE_WIDGET)

static void reload (ComptoirPublishingPage *self);

static void
show_error (ComptoirPublishingPage *self,
            const GError           *error)
{
  /* Toast titles are markup in libadwaita 1.2: escape our own text too. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static ComptoirAccount *
row_account (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "comptoir-account");
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ComptoirPublishingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!comptoir_platform_sign_out_account_finish (result, &error))
    show_error (self, error);
  if (self->store != NULL)
    reload (self);
}

static void
sign_out_clicked_cb (GtkButton              *button,
                     ComptoirPublishingPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  comptoir_platform_sign_out_account_async (self->store, row_account (GTK_WIDGET (button)), FALSE,
                                            NULL, signed_out_cb, g_object_ref (self));
}

static void
connected_cb (ComptoirPublishingPage *self,
              ComptoirAccount        *account)
{
  reload (self);
}

static void
open_connect_dialog (ComptoirPublishingPage *self,
                     const char             *address)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  ComptoirConnectDialog *dialog;

  g_return_if_fail (self->store != NULL);
  dialog = comptoir_connect_dialog_new (parent, self->store, address);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (connected_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_in_again_clicked_cb (GtkButton              *button,
                          ComptoirPublishingPage *self)
{
  open_connect_dialog (self, comptoir_account_get_base_url (row_account (GTK_WIDGET (button))));
}

static void
remove_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    ComptoirPublishingPage *self)
{
  ComptoirAccount *account = row_account (GTK_WIDGET (dialog));

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;
  comptoir_platform_sign_out_account_async (self->store, account, TRUE, NULL, signed_out_cb, g_object_ref (self));
}

static void
remove_clicked_cb (GtkButton              *button,
                   ComptoirPublishingPage *self)
{
  ComptoirAccount *account = row_account (GTK_WIDGET (button));
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), comptoir_account_get_platform_name (account));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading,
                                   _("Comptoir signs out and forgets this platform, with the orders and "
                                     "payouts it received from it. What is published there stays until "
                                     "you remove it on the platform. You can connect it again later."));
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", C_("publishing", "_Cancel"),
                                    "remove", C_("publishing", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "comptoir-account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
account_button (ComptoirPublishingPage *self,
                ComptoirAccount        *account,
                const char             *label,
                const char             *accessible,
                GCallback               callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "comptoir-account", g_object_ref (account), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* Where the account's changes stand, in a line the merchant reads at a
 * glance: what waits, what was refused, and what to do about it. */
static char *
account_status (ComptoirPublishingPage *self,
                ComptoirAccount        *account)
{
  gint64 id = comptoir_account_get_id (account);
  ComptoirOutboxSummary summary = { 0 };
  const char *error = NULL;
  GDateTime *last = NULL;
  gboolean busy = FALSE, offline = FALSE;

  if (!comptoir_account_get_signed_in (account))
    return NULL;
  if (!comptoir_outbox_get_summary (self->store, id, &summary, NULL))
    return NULL;
  if (self->engine != NULL)
    {
      error = comptoir_sync_engine_get_account_error (self->engine, id);
      last = comptoir_sync_engine_get_account_last_sync (self->engine, id);
      busy = comptoir_sync_engine_get_busy (self->engine);
      offline = comptoir_sync_engine_get_offline (self->engine);
    }

  if (offline)
    return summary.pending > 0
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Offline: %u change will be sent when the connection is back",
                                      "Offline: %u changes will be sent when the connection is back",
                                      summary.pending), summary.pending)
      : g_strdup (_("Offline: new orders will come in when the connection is back"));
  if (summary.failed > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change refused by the platform",
                                         "%u changes refused by the platform",
                                         summary.failed), summary.failed);
  if (summary.conflicts > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change not sent: the same page or product was changed on the platform",
                                         "%u changes not sent: the same pages or products were changed on the platform",
                                         summary.conflicts), summary.conflicts);
  if (error != NULL)
    /* TRANSLATORS: %s says why, e.g. the platform cannot be reached */
    return g_strdup_printf (_("Not sent yet: %s"), error);
  if (summary.pending > 0)
    return g_strdup_printf (busy
                              ? g_dngettext (GETTEXT_PACKAGE, "Sending %u change…", "Sending %u changes…",
                                             summary.pending)
                              : g_dngettext (GETTEXT_PACKAGE, "%u change waiting to be sent",
                                             "%u changes waiting to be sent", summary.pending),
                            summary.pending);
  if (last != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last);
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      /* TRANSLATORS: %s is a time of day, 14:32 */
      return g_strdup_printf (_("Everything is sent · checked at %s"), time);
    }
  return g_strdup (_("Everything is sent"));
}

/* The account's row says what it is; the row under it, where its
 * changes stand (a line of its own: next to the account's buttons it
 * would be squeezed into a narrow column). */
static void
set_account_subtitle (GtkWidget *row)
{
  ComptoirAccount *account = row_account (row);
  gboolean directory = g_str_equal (comptoir_account_get_kind (account), "directory");
  const char *login = comptoir_account_get_login (account);
  const char *kind = directory ? C_("publishing", "Solidarity directory") : C_("publishing", "Marketplace");
  g_autofree char *subtitle = NULL;

  if (*login != '\0')
    /* TRANSLATORS: kind of platform · e-mail address used there */
    subtitle = g_strdup_printf (C_("publishing", "%s · %s"), kind, login);
  else
    subtitle = g_strdup (kind);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
update_status_row (ComptoirPublishingPage *self,
                   GtkWidget              *row)
{
  g_autofree char *status = account_status (self, row_account (row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), status != NULL ? status : "");
  gtk_widget_set_visible (row, status != NULL);
}

static void
update_statuses (ComptoirPublishingPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_object_get_data (G_OBJECT (self->rows->pdata[i]), "status-row") != NULL)
      update_status_row (self, self->rows->pdata[i]);
}

static GtkWidget *
account_row (ComptoirPublishingPage *self,
             ComptoirAccount        *account)
{
  gboolean signed_in = comptoir_account_get_signed_in (account);
  const char *name = comptoir_account_get_platform_name (account);
  g_autofree char *sign_out_label = g_strdup_printf (_("Sign out of %s"), name);
  g_autofree char *sign_in_label = g_strdup_printf (_("Sign in to %s again"), name);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (signed_in ? C_("publishing", "Connected") : C_("publishing", "Must sign in again"));

  /* The name comes from the platform: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  g_object_set_data_full (G_OBJECT (row), "comptoir-account", g_object_ref (account), g_object_unref);
  set_account_subtitle (row);

  gtk_widget_add_css_class (state, signed_in ? "success" : "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  if (signed_in)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               account_button (self, account, C_("publishing", "Sign _Out"), sign_out_label,
                                               G_CALLBACK (sign_out_clicked_cb)));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               account_button (self, account, C_("publishing", "Sign _In Again…"), sign_in_label,
                                               G_CALLBACK (sign_in_again_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             account_button (self, account, C_("publishing", "_Remove…"), remove_label,
                                             G_CALLBACK (remove_clicked_cb)));
  return row;
}

static GtkWidget *
status_row (ComptoirPublishingPage *self,
            ComptoirAccount        *account)
{
  gboolean signed_in = comptoir_account_get_signed_in (account);
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, "account-status");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), "comptoir-account", g_object_ref (account), g_object_unref);
  g_object_set_data (G_OBJECT (row), "status-row", GINT_TO_POINTER (TRUE));
  /* refusals wait for the merchant: the way to them */
  if (signed_in && self->store != NULL)
    {
      g_autoptr(ComptoirPublication) shop = comptoir_outbox_get_shop_publication (self->store,
                                                                                   comptoir_account_get_id (account),
                                                                                   NULL);

      if (shop != NULL && (g_str_equal (shop->state, "failed") || g_str_equal (shop->state, "conflict")))
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (C_("publishing", "See _My Shop"));

          gtk_widget_set_name (button, "see-shop");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string ("shop"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-section");
          gtk_widget_add_css_class (button, "suggested-action");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      if (comptoir_outbox_count_refused_products (self->store, comptoir_account_get_id (account)) > 0)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (C_("publishing", "_See the Products"));

          gtk_widget_set_name (button, "see-refused");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-refused-products");
          gtk_widget_add_css_class (button, "suggested-action");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
  update_status_row (self, row);
  return row;
}

/* What decides the rows' buttons: each account, whether it is signed in,
 * and whether something of it waits for the merchant. */
static char *
rows_key (ComptoirPublishingPage *self,
          GListModel             *accounts)
{
  GString *key = g_string_new (NULL);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, i);
      gint64 id = comptoir_account_get_id (account);
      ComptoirOutboxSummary summary = { 0 };

      comptoir_outbox_get_summary (self->store, id, &summary, NULL);
      g_string_append_printf (key, "%" G_GINT64_FORMAT ":%d:%d:%s;", id, comptoir_account_get_signed_in (account),
                              summary.failed + summary.conflicts > 0, comptoir_account_get_platform_name (account));
    }
  return g_string_free (key, FALSE);
}

static void
reload (ComptoirPublishingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autofree char *key = NULL;
  guint n;

  if (self->store == NULL)
    return;
  accounts = comptoir_account_list (self->store, &error);
  if (accounts == NULL)
    {
      show_error (self, error);
      return;
    }
  /* Rows are built again only when their buttons change: rebuilding
   * would take the keyboard focus away from the merchant. */
  key = rows_key (self, accounts);
  if (g_strcmp0 (key, self->shown) == 0)
    {
      update_statuses (self);
      return;
    }
  g_free (self->shown);
  self->shown = g_steal_pointer (&key);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  n = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ComptoirAccount) account = g_list_model_get_item (accounts, i);
      GtkWidget *row = account_row (self, account);
      GtkWidget *status = status_row (self, account);

      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->accounts_group, status);
      g_ptr_array_add (self->rows, status);
    }
  gtk_stack_set_visible_child_name (self->stack, n == 0 ? "empty" : "accounts");
  update_statuses (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_connect_dialog (COMPTOIR_PUBLISHING_PAGE (widget), NULL);
}

static void
comptoir_publishing_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (comptoir_publishing_page_parent_class)->map (widget);
  /* Sync may have found a refused sign-in meanwhile. */
  reload (COMPTOIR_PUBLISHING_PAGE (widget));
}

static void
comptoir_publishing_page_dispose (GObject *object)
{
  ComptoirPublishingPage *self = COMPTOIR_PUBLISHING_PAGE (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PUBLISHING_PAGE);

  G_OBJECT_CLASS (comptoir_publishing_page_parent_class)->dispose (object);
}

static void
comptoir_publishing_page_class_init (ComptoirPublishingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_publishing_page_dispose;
  widget_class->map = comptoir_publishing_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-publishing-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPublishingPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPublishingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPublishingPage, accounts_group);
  gtk_widget_class_install_action (widget_class, "publishing.connect", NULL, connect_action);
}

static void
comptoir_publishing_page_init (ComptoirPublishingPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Shown, the page follows every change (a refusal fixed removes its
 * button); hidden, it reads everything again when it is shown. */
static void
store_changed_cb (ComptoirPublishingPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
comptoir_publishing_page_set_store (ComptoirPublishingPage *self,
                                    ComptoirStore          *store)
{
  g_return_if_fail (COMPTOIR_IS_PUBLISHING_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  /* an edit adds to what waits to be sent */
  self->store_changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                    self, G_CONNECT_SWAPPED);
  reload (self);
}

/**
 * comptoir_publishing_page_set_engine:
 *
 * Shows where each account's changes stand, as @engine sends them.
 */
void
comptoir_publishing_page_set_engine (ComptoirPublishingPage *self,
                                     ComptoirSyncEngine     *engine)
{
  g_return_if_fail (COMPTOIR_IS_PUBLISHING_PAGE (self));
  g_return_if_fail (engine == NULL || COMPTOIR_IS_SYNC_ENGINE (engine));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_swapped (engine, "notify::busy", G_CALLBACK (update_statuses), self);
      g_signal_connect_swapped (engine, "notify::offline", G_CALLBACK (update_statuses), self);
      /* a refused sign-in shows as “must sign in again” */
      g_signal_connect_swapped (engine, "finished", G_CALLBACK (store_changed_cb), self);
    }
  if (self->store != NULL)
    update_statuses (self);
}
