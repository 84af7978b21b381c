// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-payouts-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "comptoir-amount-row.h"
#include "comptoir-format.h"
#include "comptoir-money.h"
#include "comptoir-order-store.h"
#include "comptoir-paged-list.h"
#include "comptoir-payouts-page.h"

struct _ComptoirPayoutsPage
{
  GtkWidget   parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;

  GListModel  *model;
  gboolean     attached;
};

G_DEFINE_FINAL_TYPE (ComptoirPayoutsPage, comptoir_payouts_page, GTK_TYPE_WIDGET)

static void
update_visible_page (ComptoirPayoutsPage *self)
{
  gboolean empty = self->model == NULL || g_list_model_get_n_items (self->model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
items_changed_cb (ComptoirPayoutsPage *self)
{
  update_visible_page (self);
}

/* The list is given to the view when the section is first shown, so that
 * sections the merchant does not open cost nothing at start-up. */
static void
attach_model (ComptoirPayoutsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->attached || self->model == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  selection = gtk_no_selection_new (g_object_ref (self->model));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  self->attached = TRUE;
}

static void
comptoir_payouts_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (comptoir_payouts_page_parent_class)->map (widget);
  attach_model (COMPTOIR_PAYOUTS_PAGE (widget));
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
  ComptoirPayout *payout = gtk_list_item_get_item (item);
  g_autofree char *net = comptoir_money_format (comptoir_payout_get_net_cents (payout));
  g_autofree char *start = comptoir_format_date (comptoir_payout_get_period_start (payout));
  g_autofree char *end = comptoir_format_date (comptoir_payout_get_period_end (payout));
  g_autofree char *heading = NULL;

  /* Translators: the period a payout covers, e.g. "From 1 March to 15 March" */
  heading = g_strdup_printf (_("From %s to %s"), start, end);
  comptoir_amount_row_set (gtk_list_item_get_child (item), heading,
                           comptoir_payout_status_label (comptoir_payout_get_status (payout)), net);
}

static void
comptoir_payouts_page_dispose (GObject *object)
{
  ComptoirPayoutsPage *self = COMPTOIR_PAYOUTS_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PAYOUTS_PAGE);

  G_OBJECT_CLASS (comptoir_payouts_page_parent_class)->dispose (object);
}

static void
comptoir_payouts_page_class_init (ComptoirPayoutsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = comptoir_payouts_page_map;
  object_class->dispose = comptoir_payouts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-payouts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirPayoutsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirPayoutsPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
comptoir_payouts_page_init (ComptoirPayoutsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  update_visible_page (self);
}

/**
 * comptoir_payouts_page_set_store:
 * @self: the page
 * @store: the store to list from
 */
void
comptoir_payouts_page_set_store (ComptoirPayoutsPage *self,
                                 ComptoirStore *store)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUTS_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  self->model = comptoir_payout_list_new (store);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);
  self->attached = FALSE;
  gtk_list_view_set_model (self->list_view, NULL);
  attach_model (self);
  update_visible_page (self);
}

/**
 * comptoir_payouts_page_reload:
 * @self: the page
 *
 * Reads the list again after the store changed.
 */
void
comptoir_payouts_page_reload (ComptoirPayoutsPage *self)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUTS_PAGE (self));

  if (COMPTOIR_IS_PAGED_LIST (self->model))
    comptoir_paged_list_reload (COMPTOIR_PAGED_LIST (self->model));
}
