// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-order-detail"

/* One order, to prepare: who ordered what, how it goes to the customer,
 * and the actions its status allows. An action shows at once; a line says
 * whether it reached the marketplace or waits for the connection. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "comptoir-format.h"
#include "comptoir-money.h"
#include "comptoir-order-actions.h"
#include "comptoir-order-detail.h"
#include "comptoir-order-store.h"

struct _ComptoirOrderDetail
{
  AdwWindow      parent_instance;

  AdwWindowTitle *window_title;
  AdwActionRow   *status_row;
  GtkLabel       *sync_label;
  GtkWidget      *action_box;
  GtkWidget      *accept_button;
  GtkWidget      *ready_button;
  GtkWidget      *complete_button;
  GtkWidget      *reject_button;
  AdwActionRow   *customer_row;
  GtkWidget      *phone_row;
  GtkLinkButton  *phone_link;
  GtkWidget      *email_row;
  GtkLinkButton  *email_link;
  AdwActionRow   *fulfilment_row;
  AdwActionRow   *address_row;
  GtkWidget      *note_group;
  GtkLabel       *note_label;
  AdwPreferencesGroup *lines_group;
  GtkWidget      *fee_row;
  GtkLabel       *subtotal_label;
  GtkLabel       *fee_label;
  GtkLabel       *total_label;

  ComptoirStore  *store;
  gulong          store_changed_id;
  gint64          order_id;
  ComptoirOrder  *order;
  GPtrArray      *line_rows;
  char           *action_error;     /* why the last action could not be done */
};

G_DEFINE_FINAL_TYPE (ComptoirOrderDetail, comptoir_order_detail, ADW_TYPE_WINDOW)

enum {
  ACTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const actions[] = { "accept", "reject", "ready", "complete" };

static void
set_value (GtkLabel *label,
           gint64    cents)
{
  g_autofree char *text = comptoir_money_format (cents);

  gtk_label_set_text (label, text);
}

static void
show_link (GtkWidget     *row,
           GtkLinkButton *link,
           const char    *scheme,
           const char    *value)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  gtk_widget_set_visible (row, value != NULL && *value != '\0');
  if (value == NULL || *value == '\0')
    return;
  /* Text from the platform is data: escaped into the address, shown as
   * plain text. */
  escaped = g_uri_escape_string (value, "+@", FALSE);
  uri = g_strconcat (scheme, escaped, NULL);
  gtk_link_button_set_uri (link, uri);
  gtk_button_set_label (GTK_BUTTON (link), value);
  gtk_label_set_use_markup (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), FALSE);
}

static void
show_lines (ComptoirOrderDetail *self)
{
  GPtrArray *lines = comptoir_order_get_lines (self->order);

  for (guint i = 0; i < self->line_rows->len; i++)
    adw_preferences_group_remove (self->lines_group, self->line_rows->pdata[i]);
  g_ptr_array_set_size (self->line_rows, 0);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      ComptoirOrderLine *line = lines->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *total = gtk_label_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *unit = comptoir_money_format (line->unit_price_cents);
      g_autofree char *subtitle = NULL;

      /* Translators: a quantity, then what the customer ordered */
      title = g_strdup_printf (_("%d × %s"), (int) line->quantity, line->name);
      /* Translators: the price of one unit */
      subtitle = g_strdup_printf (_("%s each"), unit);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      set_value (GTK_LABEL (total), line->total_cents);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), total);
      adw_preferences_group_add (self->lines_group, row);
      g_ptr_array_add (self->line_rows, row);
    }
}

static void
show_sync_state (ComptoirOrderDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ComptoirOrderSyncState state = COMPTOIR_ORDER_SYNC_NONE;
  const char *text = NULL;
  g_autofree char *waiting = NULL;
  gboolean problem = FALSE;

  if (self->action_error != NULL)
    {
      text = self->action_error;
      problem = TRUE;
    }
  else if (!comptoir_order_get_sync_state (self->store, self->order_id, &state, &message, &error))
    g_warning ("Cannot read where the order stands: %s", error->message);
  else if (state == COMPTOIR_ORDER_SYNC_PENDING)
    {
      if (message != NULL)
        /* TRANSLATORS: %s says why, e.g. the platform cannot be reached */
        text = waiting = g_strdup_printf (_("Not sent yet: %s"), message);
      else
        text = _("Waiting to be sent to the marketplace");
    }
  else if (state == COMPTOIR_ORDER_SYNC_SENT)
    text = _("Sent to the marketplace");
  else if (state == COMPTOIR_ORDER_SYNC_FAILED || state == COMPTOIR_ORDER_SYNC_CONFLICT)
    {
      text = message != NULL ? message : _("The marketplace refused this action.");
      problem = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), text != NULL);
  gtk_label_set_text (self->sync_label, text != NULL ? text : "");
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "error");
  if (!problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "dim-label");
}

static void
show_order (ComptoirOrderDetail *self)
{
  ComptoirOrder *order = self->order;
  const char *status = comptoir_order_get_status (order);
  gboolean delivery = g_strcmp0 (comptoir_order_get_fulfilment (order), "delivery") == 0;
  const char *address = comptoir_order_get_delivery_address (order);
  const char *note = comptoir_order_get_customer_note (order);
  g_autofree char *title = NULL;
  g_autofree char *placed = comptoir_format_date_time (comptoir_order_get_placed_at (order));
  g_autofree char *placed_text = NULL;
  g_autofree char *slot = NULL;
  gboolean any = FALSE;

  /* Translators: an order's number */
  title = g_strdup_printf (_("Order %s"), comptoir_order_get_number (order));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_subtitle (self->window_title, comptoir_order_get_customer_name (order));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), comptoir_order_status_label (status));
  /* Translators: when the order was placed */
  placed_text = g_strdup_printf (_("Placed on %s"), placed);
  adw_action_row_set_subtitle (self->status_row, placed_text);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *name = g_strconcat ("order.", actions[i], NULL);
      gboolean allowed = comptoir_order_action_allowed (status, actions[i]);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), name, allowed);
      any |= allowed;
    }
  gtk_widget_set_visible (self->accept_button, comptoir_order_action_allowed (status, "accept"));
  gtk_widget_set_visible (self->reject_button, comptoir_order_action_allowed (status, "reject"));
  gtk_widget_set_visible (self->ready_button, comptoir_order_action_allowed (status, "ready"));
  gtk_widget_set_visible (self->complete_button, comptoir_order_action_allowed (status, "complete"));
  gtk_widget_set_visible (self->action_box, any);
  gtk_button_set_label (GTK_BUTTON (self->ready_button),
                        delivery ? C_("orders", "_Ready for Delivery") : C_("orders", "_Ready for Pickup"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->customer_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer_row), comptoir_order_get_customer_name (order));
  show_link (self->phone_row, self->phone_link, "tel:", comptoir_order_get_customer_phone (order));
  show_link (self->email_row, self->email_link, "mailto:", comptoir_order_get_customer_email (order));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fulfilment_row),
                                 delivery ? _("Local delivery") : _("Click & collect at the shop"));
  if (*comptoir_order_get_slot_start (order) != '\0')
    {
      g_autofree char *start = comptoir_format_date_time (comptoir_order_get_slot_start (order));
      g_autofree char *end = comptoir_format_date_time (comptoir_order_get_slot_end (order));

      /* Translators: the time slot the customer chose, from … to … */
      slot = g_strdup_printf (_("From %s to %s"), start, end);
    }
  adw_action_row_set_subtitle (self->fulfilment_row, slot != NULL ? slot : _("No time slot chosen"));
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), delivery && address != NULL && *address != '\0');
  adw_action_row_set_subtitle (self->address_row, address != NULL ? address : "");

  gtk_widget_set_visible (self->note_group, note != NULL && *note != '\0');
  gtk_label_set_text (self->note_label, note != NULL ? note : "");

  show_lines (self);
  set_value (self->subtotal_label, comptoir_order_get_subtotal_cents (order));
  set_value (self->fee_label, comptoir_order_get_delivery_fee_cents (order));
  gtk_widget_set_visible (self->fee_row, delivery || comptoir_order_get_delivery_fee_cents (order) != 0);
  set_value (self->total_label, comptoir_order_get_total_cents (order));

  show_sync_state (self);
}

static gboolean
reload (ComptoirOrderDetail  *self,
        GError              **error)
{
  ComptoirOrder *order = comptoir_order_load (self->store, self->order_id, error);

  if (order == NULL)
    return FALSE;
  g_clear_object (&self->order);
  self->order = order;
  show_order (self);
  return TRUE;
}

/* The push and the pull write to the store: what they did shows here. */
static void
store_changed_cb (ComptoirOrderDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    g_debug ("The order is gone: %s", error->message);
}

static void
act (ComptoirOrderDetail *self,
     const char          *action,
     const char          *reason)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->action_error, g_free);
  if (!comptoir_order_act (self->store, self->order_id, action, reason, &error))
    self->action_error = g_strdup (error->message);
  else
    g_signal_emit (self, signals[ACTED], 0);
  store_changed_cb (self);
}

static void
simple_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  act (COMPTOIR_ORDER_DETAIL (widget), action_name + strlen ("order."), NULL);
}

/* Refusing: a reason the customer reads, picked from the usual ones or
 * written. */

static void
reason_entry_changed_cb (GtkEditable    *entry,
                         GtkCheckButton *other)
{
  if (*gtk_editable_get_text (entry) != '\0')
    gtk_check_button_set_active (other, TRUE);
}

static void
reject_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    ComptoirOrderDetail *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  const char *reason = NULL;

  if (g_strcmp0 (response, "reject") != 0)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        reason = g_object_get_data (G_OBJECT (child), "reason");
      else if (GTK_IS_ENTRY (child) && reason == NULL)
        reason = gtk_editable_get_text (GTK_EDITABLE (child));
    }
  act (self, "reject", reason);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ComptoirOrderDetail *self = COMPTOIR_ORDER_DETAIL (widget);
  const char *presets[] = {
    _("A product is out of stock"),
    _("The order cannot be ready in time"),
    _("The shop is closed that day"),
  };
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *first = NULL;
  GtkWidget *other;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Refuse This Order?"),
                                   _("The customer reads your reason and is refunded in full."));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (presets[i]);

      g_object_set_data_full (G_OBJECT (check), "reason", g_strdup (presets[i]), g_free);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (first));
      else
        {
          first = check;
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
        }
      gtk_box_append (GTK_BOX (box), check);
    }
  other = gtk_check_button_new_with_label (_("Another reason:"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (other), GTK_CHECK_BUTTON (first));
  gtk_box_append (GTK_BOX (box), other);
  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), COMPTOIR_ORDER_REASON_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your reason for refusing the order"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (reason_entry_changed_cb), other);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep the Order"),
                                    "reject", _("_Refuse the Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reject", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (reject_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
comptoir_order_detail_dispose (GObject *object)
{
  ComptoirOrderDetail *self = COMPTOIR_ORDER_DETAIL (object);

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->order);
  g_clear_pointer (&self->line_rows, g_ptr_array_unref);
  g_clear_pointer (&self->action_error, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_ORDER_DETAIL);

  G_OBJECT_CLASS (comptoir_order_detail_parent_class)->dispose (object);
}

static void
comptoir_order_detail_class_init (ComptoirOrderDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_order_detail_dispose;

  /**
   * ComptoirOrderDetail::acted:
   *
   * The merchant did something with the order: its status changed.
   */
  signals[ACTED] = g_signal_new ("acted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-order-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, window_title);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, sync_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, action_box);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, accept_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, ready_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, complete_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, reject_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, customer_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, phone_link);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, email_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, email_link);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, fulfilment_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, address_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, note_group);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, note_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, lines_group);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, fee_row);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, subtotal_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, fee_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrderDetail, total_label);

  gtk_widget_class_install_action (widget_class, "order.accept", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "order.ready", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "order.complete", NULL, simple_action);
  gtk_widget_class_install_action (widget_class, "order.reject", NULL, reject_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
comptoir_order_detail_init (ComptoirOrderDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->line_rows = g_ptr_array_new ();
}

/**
 * comptoir_order_detail_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store
 * @order_id: a stored order
 * @error: a #GError
 *
 * Returns: (transfer floating) (nullable): the order's window, not shown
 *   yet; %NULL when the order cannot be read
 */
ComptoirOrderDetail *
comptoir_order_detail_new (GtkWindow      *parent,
                           ComptoirStore  *store,
                           gint64          order_id,
                           GError        **error)
{
  ComptoirOrderDetail *self;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  self = g_object_new (COMPTOIR_TYPE_ORDER_DETAIL, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->order_id = order_id;
  if (!reload (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  self->store_changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  return self;
}

gint64
comptoir_order_detail_get_order_id (ComptoirOrderDetail *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER_DETAIL (self), 0);
  return self->order_id;
}
