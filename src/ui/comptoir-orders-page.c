// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-orders-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "comptoir-amount-row.h"
#include "comptoir-format.h"
#include "comptoir-money.h"
#include "comptoir-order-detail.h"
#include "comptoir-order-store.h"
#include "comptoir-paged-list.h"
#include "comptoir-orders-page.h"

struct _ComptoirOrdersPage
{
  GtkWidget   parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;

  GListModel    *model;
  ComptoirStore *store;
  gboolean       attached;
};

G_DEFINE_FINAL_TYPE (ComptoirOrdersPage, comptoir_orders_page, GTK_TYPE_WIDGET)

static void
update_visible_page (ComptoirOrdersPage *self)
{
  gboolean empty = self->model == NULL || g_list_model_get_n_items (self->model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
items_changed_cb (ComptoirOrdersPage *self)
{
  update_visible_page (self);
}

/* The list is given to the view when the section is first shown, so that
 * sections the merchant does not open cost nothing at start-up. */
static void
attach_model (ComptoirOrdersPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->attached || self->model == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  selection = gtk_no_selection_new (g_object_ref (self->model));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  self->attached = TRUE;
}

static void
comptoir_orders_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (comptoir_orders_page_parent_class)->map (widget);
  attach_model (COMPTOIR_ORDERS_PAGE (widget));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, comptoir_amount_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  ComptoirOrder *order = gtk_list_item_get_item (item);
  g_autofree char *total = comptoir_money_format (comptoir_order_get_total_cents (order));
  g_autofree char *heading = NULL;
  g_autofree char *when = comptoir_format_date_time (comptoir_order_get_placed_at (order));
  g_autofree char *details = NULL;

  /* Translators: an order number, then the customer's name */
  heading = g_strdup_printf (_("Order %s · %s"), comptoir_order_get_number (order),
                             comptoir_order_get_customer_name (order));
  /* Translators: when the order was placed, then its status */
  details = g_strdup_printf (_("%s · %s"), when, comptoir_order_status_label (comptoir_order_get_status (order)));

  comptoir_amount_row_set (gtk_list_item_get_child (item), heading, details, total);
}

/* An order opens in its own window, to prepare it. */
static void
activate_cb (GtkListView        *list_view,
             guint               position,
             ComptoirOrdersPage *self)
{
  g_autoptr(ComptoirOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  ComptoirOrderDetail *detail;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->model == NULL || self->store == NULL
      || (order = g_list_model_get_item (self->model, position)) == NULL)
    return;
  detail = comptoir_order_detail_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                      comptoir_order_get_id (order), &error);
  if (detail == NULL)
    {
      g_warning ("Cannot open an order: %s", error->message);
      return;
    }
  g_signal_connect_object (detail, "acted", G_CALLBACK (comptoir_orders_page_reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (detail));
}

static void
comptoir_orders_page_dispose (GObject *object)
{
  ComptoirOrdersPage *self = COMPTOIR_ORDERS_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_ORDERS_PAGE);

  G_OBJECT_CLASS (comptoir_orders_page_parent_class)->dispose (object);
}

static void
comptoir_orders_page_class_init (ComptoirOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = comptoir_orders_page_map;
  object_class->dispose = comptoir_orders_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirOrdersPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
comptoir_orders_page_init (ComptoirOrdersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);

  update_visible_page (self);
}

/**
 * comptoir_orders_page_set_store:
 * @self: the page
 * @store: the store to list from
 */
void
comptoir_orders_page_set_store (ComptoirOrdersPage *self,
                                ComptoirStore *store)
{
  g_return_if_fail (COMPTOIR_IS_ORDERS_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);

  self->model = comptoir_order_list_new (store);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);
  self->attached = FALSE;
  gtk_list_view_set_model (self->list_view, NULL);
  attach_model (self);
  update_visible_page (self);
}

/**
 * comptoir_orders_page_reload:
 * @self: the page
 *
 * Reads the list again after the store changed.
 */
void
comptoir_orders_page_reload (ComptoirOrdersPage *self)
{
  g_return_if_fail (COMPTOIR_IS_ORDERS_PAGE (self));

  if (COMPTOIR_IS_PAGED_LIST (self->model))
    comptoir_paged_list_reload (COMPTOIR_PAGED_LIST (self->model));
}
