// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-products-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "comptoir-csv-import-dialog.h"
#include "comptoir-csv.h"
#include "comptoir-money.h"
#include "comptoir-paged-list.h"
#include "comptoir-product-editor.h"
#include "comptoir-product-query.h"
#include "comptoir-product-store.h"
#include "comptoir-products-page-private.h"
#include "comptoir-thumbnails.h"
#include "comptoir-units.h"
#include "comptoir-window.h"

/* The Products section: the catalogue as a list or a grid of photos over
 * one paging model, with search, filters, sorting, a bulk-edit bar for the
 * selection, and each product's own actions. */


G_DEFINE_FINAL_TYPE (ComptoirProductsPage, comptoir_products_page, GTK_TYPE_WIDGET)

static void refresh (ComptoirProductsPage *self);

void
comptoir_products_page_add_toast (ComptoirProductsPage *self,
                                  AdwToast             *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (COMPTOIR_IS_WINDOW (root))
    comptoir_window_add_toast (COMPTOIR_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
comptoir_products_page_show_message (ComptoirProductsPage *self,
                                     const char           *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1); /* toast titles are markup */
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  comptoir_products_page_add_toast (self, toast);
}

GtkWindow *
comptoir_products_page_get_window (ComptoirProductsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
has_filters (ComptoirProductsPage *self)
{
  return (self->search != NULL && *self->search != '\0') || self->category != NULL
         || self->stock != COMPTOIR_STOCK_FILTER_ANY || self->marketplace != COMPTOIR_PUBLISHED_ANY
         || self->directory != COMPTOIR_PUBLISHED_ANY || self->archived || self->refused;
}

static void
update_visible_page (ComptoirProductsPage *self)
{
  GVariant *grid = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), "grid");
  gboolean empty = self->model == NULL || g_list_model_get_n_items (self->model) == 0;
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  gboolean as_grid = g_variant_get_boolean (grid);

  /* Only the view shown follows the model: the other one would lay out
   * every change for nothing. Both share the selection. */
  if (as_grid && gtk_grid_view_get_model (self->grid_view) == NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_grid_view_set_model (self->grid_view, selection);
    }
  else if (!as_grid && gtk_list_view_get_model (self->list_view) == NULL)
    {
      gtk_grid_view_set_model (self->grid_view, NULL);
      gtk_list_view_set_model (self->list_view, selection);
    }

  if (!empty)
    gtk_stack_set_visible_child_name (self->stack, g_variant_get_boolean (grid) ? "grid" : "list");
  else if (has_filters (self) || (self->store != NULL && comptoir_store_count (self->store, "products") > 0))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
  g_variant_unref (grid);
}

GArray *
comptoir_products_page_get_selected_ids (ComptoirProductsPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, bitset, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ComptoirProduct) product = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (product != NULL)
        {
          gint64 id = comptoir_product_get_id (product);
          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
selection_changed_cb (ComptoirProductsPage *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (bitset);
  g_autofree char *text = NULL;

  /* one selected row is just where the cursor is; the bar is for several */
  gtk_revealer_set_reveal_child (self->bulk_revealer, n > 1);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", (gulong) n), (guint) n);
  gtk_label_set_text (self->bulk_label, text);
}

/* Rows */

static char *
stock_text (ComptoirProduct *product)
{
  if (!comptoir_product_get_stock_tracked (product))
    return g_strdup (C_("catalog", "Stock not counted"));
  if (comptoir_product_get_stock (product) <= 0)
    return g_strdup (C_("catalog", "Out of stock"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in stock", "%u in stock",
                                       (gulong) comptoir_product_get_stock (product)),
                          (guint) comptoir_product_get_stock (product));
}

static GMenuModel *
product_menu (gint64   id,
              gboolean archived)
{
  GMenu *menu = g_menu_new ();
  struct { const char *label; const char *action; } items[] = {
    { NC_("catalog", "_Edit"), "products.edit" },
    { NC_("catalog", "_Duplicate"), "products.duplicate" },
    /* in the archive, the same action brings a product back */
    { archived ? NC_("catalog", "_Back to the Catalogue") : NC_("catalog", "_Archive"), "products.archive" },
    { NC_("catalog", "De_lete"), "products.delete" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (g_dpgettext2 (GETTEXT_PACKAGE, "catalog", items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* The menu is built when the button is pressed, not when the row is
 * bound: building a popover for every row scrolled past is what made long
 * lists slow. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (button), COMPTOIR_TYPE_PRODUCTS_PAGE);
  gboolean archived = page != NULL && COMPTOIR_PRODUCTS_PAGE (page)->archived;
  g_autoptr(GMenuModel) model = product_menu (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "product-id")),
                                              archived);

  gtk_menu_button_set_menu_model (button, model);
}

static GtkWidget *
new_menu_button (void)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_menu_cb, NULL, NULL);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, C_("catalog", "Product Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("catalog", "Product Actions"), -1);
  return button;
}

/* A row: thumbnail, name, category and stock, a sign when a platform
 * refused it, price, menu. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ComptoirProductsPage     *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *amount = gtk_label_new (NULL);
  GtkWidget *refused = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_name (refused, "product-refused");
  gtk_widget_add_css_class (refused, "warning");
  gtk_widget_set_tooltip_text (refused, C_("catalog", "A platform refused this product: open it to see why"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (refused), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("catalog", "A platform refused this product: open it to see why"), -1);
  gtk_widget_set_visible (refused, FALSE);
  gtk_image_set_pixel_size (GTK_IMAGE (image), 40);
  gtk_widget_add_css_class (image, "product-thumbnail");
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (amount, "amount");
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), refused);
  gtk_box_append (GTK_BOX (box), amount);
  gtk_box_append (GTK_BOX (box), new_menu_button ());
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ComptoirProductsPage     *self)
{
  ComptoirProduct *product = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (image);
  GtkWidget *refused = gtk_widget_get_next_sibling (text);
  GtkWidget *amount = gtk_widget_get_next_sibling (refused);
  GtkWidget *menu = gtk_widget_get_next_sibling (amount);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *price = NULL;
  g_autofree char *stock = NULL;
  g_autofree char *details = NULL;
  const char *category;

  if (product == NULL)
    return;
  price = comptoir_money_format (comptoir_product_get_price_cents (product));
  stock = stock_text (product);
  category = comptoir_product_get_category (product);
  details = *category ? g_strdup_printf ("%s · %s", category, stock) : g_strdup (stock);

  gtk_label_set_text (GTK_LABEL (title), comptoir_product_get_name (product));
  gtk_label_set_text (GTK_LABEL (subtitle), details);
  gtk_label_set_text (GTK_LABEL (amount), price);
  gtk_widget_set_visible (refused, comptoir_product_get_refused (product));
  g_object_set_data (G_OBJECT (menu), "product-id", GSIZE_TO_POINTER (comptoir_product_get_id (product)));
  comptoir_thumbnails_bind (self->thumbnails, GTK_IMAGE (image), comptoir_product_get_cover_hash (product));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ComptoirProductsPage     *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  comptoir_thumbnails_unbind (self->thumbnails, GTK_IMAGE (gtk_widget_get_first_child (box)));
}

/* A grid cell: the photo, the name, the price. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ComptoirProductsPage     *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_set_size_request (box, 150, -1);
  gtk_image_set_pixel_size (GTK_IMAGE (image), 128);
  gtk_widget_add_css_class (image, "product-thumbnail");
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (amount), 0);
  gtk_widget_set_hexpand (amount, TRUE);
  gtk_widget_add_css_class (amount, "amount");
  gtk_widget_add_css_class (amount, "dim-label");

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (bottom), amount);
  gtk_box_append (GTK_BOX (bottom), new_menu_button ());
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_list_item_set_child (item, box);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ComptoirProductsPage     *self)
{
  ComptoirProduct *product = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (image);
  GtkWidget *bottom = gtk_widget_get_next_sibling (title);
  GtkWidget *amount = gtk_widget_get_first_child (bottom);
  GtkWidget *menu = gtk_widget_get_next_sibling (amount);
  g_autofree char *price = NULL;

  if (product == NULL)
    return;
  price = comptoir_money_format (comptoir_product_get_price_cents (product));
  gtk_label_set_text (GTK_LABEL (title), comptoir_product_get_name (product));
  gtk_label_set_text (GTK_LABEL (amount), price);
  g_object_set_data (G_OBJECT (menu), "product-id", GSIZE_TO_POINTER (comptoir_product_get_id (product)));
  comptoir_thumbnails_bind (self->thumbnails, GTK_IMAGE (image), comptoir_product_get_cover_hash (product));
}

/* Editing */

static void
editor_saved_cb (ComptoirProductEditor *editor,
                 gint64                 id,
                 ComptoirProductsPage  *self)
{
  comptoir_products_page_reload (self);
  comptoir_products_page_show_message (self, C_("catalog", "Product saved"));
}

static void
open_editor (ComptoirProductsPage *self,
             gint64                id)
{
  g_autoptr(GError) error = NULL;
  ComptoirProductEditor *editor;

  editor = comptoir_product_editor_new (comptoir_products_page_get_window (self), self->store, id, &error);
  if (editor == NULL)
    {
      comptoir_products_page_show_message (self, error->message);
      comptoir_products_page_reload (self);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
item_activated_cb (ComptoirProductsPage *self,
                   guint                 position)
{
  g_autoptr(ComptoirProduct) product = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (product != NULL)
    open_editor (self, comptoir_product_get_id (product));
}

static void
add_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  open_editor (COMPTOIR_PRODUCTS_PAGE (user_data), 0);
}

static void
edit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  open_editor (COMPTOIR_PRODUCTS_PAGE (user_data), g_variant_get_int64 (parameter));
}

static void
duplicate_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = comptoir_product_duplicate (self->store, g_variant_get_int64 (parameter), &error);

  if (id == 0)
    {
      comptoir_products_page_show_message (self, error->message);
      return;
    }
  comptoir_products_page_reload (self);
  open_editor (self, id);
}

static void
unarchive_clicked_cb (AdwToast             *toast,
                      ComptoirProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "product-id"));

  if (!comptoir_product_archive (self->store, id, FALSE, &error))
    comptoir_products_page_show_message (self, error->message);
  comptoir_products_page_reload (self);
}

static void
archive_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  gboolean archived = !self->archived;
  AdwToast *toast;

  /* in the archive, the same action brings a product back */
  if (!comptoir_product_archive (self->store, id, archived, &error))
    {
      comptoir_products_page_show_message (self, error->message);
      return;
    }
  comptoir_products_page_reload (self);
  if (!archived)
    {
      comptoir_products_page_show_message (self, C_("catalog", "Product back in the catalogue"));
      return;
    }
  toast = adw_toast_new (C_("catalog", "Product archived"));
  adw_toast_set_button_label (toast, C_("catalog", "_Undo"));
  g_object_set_data (G_OBJECT (toast), "product-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (unarchive_clicked_cb), self, 0);
  comptoir_products_page_add_toast (self, toast);
}

static void
undo_delete_cb (AdwToast             *toast,
                ComptoirProductsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *snapshot = g_object_get_data (G_OBJECT (toast), "snapshot");

  if (comptoir_product_restore (self->store, snapshot, &error) == 0)
    comptoir_products_page_show_message (self, error->message);
  comptoir_products_page_reload (self);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirProduct) product = comptoir_product_load (self->store, g_variant_get_int64 (parameter), NULL);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  char *snapshot;
  AdwToast *toast;

  /* Deleted now, with everything kept in the toast to put it back. */
  snapshot = comptoir_product_delete_with_snapshot (self->store, g_variant_get_int64 (parameter), &error);
  if (snapshot == NULL)
    {
      comptoir_products_page_show_message (self, error->message);
      return;
    }
  comptoir_products_page_reload (self);

  /* a toast title is Pango markup in libadwaita 1.2: escape the name */
  escaped = g_markup_escape_text (product ? comptoir_product_get_name (product) : "", -1);
  title = g_strdup_printf (C_("catalog", "“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, C_("catalog", "_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "snapshot", snapshot, g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  comptoir_products_page_add_toast (self, toast);
}

/* Search, filters, sorting */

static void
search_changed_cb (ComptoirProductsPage *self)
{
  g_free (self->search);
  self->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refresh (self);
}

static void
state_changed (GSimpleAction *action,
               GVariant      *value,
               gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  g_simple_action_set_state (action, value);

  if (g_str_equal (name, "grid"))
    {
      update_visible_page (self);
      return;
    }
  if (g_str_equal (name, "sort"))
    {
      const char *sort = g_variant_get_string (value, NULL);
      self->sort = g_str_equal (sort, "price") ? COMPTOIR_PRODUCT_SORT_PRICE
                   : g_str_equal (sort, "stock") ? COMPTOIR_PRODUCT_SORT_STOCK
                   : g_str_equal (sort, "updated") ? COMPTOIR_PRODUCT_SORT_UPDATED
                   : COMPTOIR_PRODUCT_SORT_NAME;
    }
  else if (g_str_equal (name, "descending"))
    self->descending = g_variant_get_boolean (value);
  else if (g_str_equal (name, "archived"))
    self->archived = g_variant_get_boolean (value);
  else if (g_str_equal (name, "refused"))
    self->refused = g_variant_get_boolean (value);
  else if (g_str_equal (name, "stock"))
    {
      const char *stock = g_variant_get_string (value, NULL);
      self->stock = g_str_equal (stock, "in") ? COMPTOIR_STOCK_FILTER_IN_STOCK
                    : g_str_equal (stock, "out") ? COMPTOIR_STOCK_FILTER_OUT_OF_STOCK
                    : g_str_equal (stock, "untracked") ? COMPTOIR_STOCK_FILTER_NOT_TRACKED
                    : COMPTOIR_STOCK_FILTER_ANY;
    }
  else if (g_str_equal (name, "marketplace") || g_str_equal (name, "directory"))
    {
      const char *state = g_variant_get_string (value, NULL);
      ComptoirPublishedFilter filter = g_str_equal (state, "yes") ? COMPTOIR_PUBLISHED_YES
                                       : g_str_equal (state, "no") ? COMPTOIR_PUBLISHED_NO
                                       : COMPTOIR_PUBLISHED_ANY;
      if (g_str_equal (name, "marketplace"))
        self->marketplace = filter;
      else
        self->directory = filter;
    }
  else if (g_str_equal (name, "category"))
    {
      const char *category = g_variant_get_string (value, NULL);
      g_free (self->category);
      self->category = g_str_equal (category, "*") ? NULL : g_strdup (category);
    }
  refresh (self);
}

static void
reset_filters_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;
  GActionGroup *group = G_ACTION_GROUP (self->actions);

  g_action_group_change_action_state (group, "stock", g_variant_new_string ("any"));
  g_action_group_change_action_state (group, "marketplace", g_variant_new_string ("any"));
  g_action_group_change_action_state (group, "directory", g_variant_new_string ("any"));
  g_action_group_change_action_state (group, "category", g_variant_new_string ("*"));
  g_action_group_change_action_state (group, "archived", g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (group, "refused", g_variant_new_boolean (FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->search, g_free);
  refresh (self);
}

static void
append_radio (GMenu      *menu,
              const char *label,
              const char *action,
              const char *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (target));
  g_menu_append_item (menu, item);
}

static void
rebuild_filter_menu (ComptoirProductsPage *self)
{
  g_autoptr(GMenu) stock = g_menu_new ();
  g_autoptr(GMenu) marketplace = g_menu_new ();
  g_autoptr(GMenu) directory = g_menu_new ();
  g_autoptr(GMenu) categories = g_menu_new ();
  g_autoptr(GMenu) archive = g_menu_new ();
  g_auto(GStrv) names = self->store ? comptoir_product_list_categories (self->store, NULL) : NULL;

  g_menu_remove_all (self->filter_menu);

  append_radio (stock, C_("catalog", "Any Stock"), "products.stock", "any");
  append_radio (stock, C_("catalog", "In Stock"), "products.stock", "in");
  append_radio (stock, C_("catalog", "Out of Stock"), "products.stock", "out");
  append_radio (stock, C_("catalog", "Stock Not Counted"), "products.stock", "untracked");
  g_menu_append_section (self->filter_menu, C_("catalog", "Stock"), G_MENU_MODEL (stock));

  append_radio (marketplace, C_("catalog", "Published or Not"), "products.marketplace", "any");
  append_radio (marketplace, C_("catalog", "Published"), "products.marketplace", "yes");
  append_radio (marketplace, C_("catalog", "Not Published"), "products.marketplace", "no");
  g_menu_append_section (self->filter_menu, C_("catalog", "On the Marketplace"), G_MENU_MODEL (marketplace));

  append_radio (directory, C_("catalog", "Published or Not"), "products.directory", "any");
  append_radio (directory, C_("catalog", "Published"), "products.directory", "yes");
  append_radio (directory, C_("catalog", "Not Published"), "products.directory", "no");
  g_menu_append_section (self->filter_menu, C_("catalog", "On the Directory"), G_MENU_MODEL (directory));

  append_radio (categories, C_("catalog", "All Categories"), "products.category", "*");
  for (guint i = 0; names != NULL && names[i] != NULL && i < 30; i++)
    append_radio (categories, names[i], "products.category", names[i]);
  g_menu_append_section (self->filter_menu, C_("catalog", "Category"), G_MENU_MODEL (categories));

  g_menu_append (archive, C_("catalog", "Only Products _Refused by a Platform"), "products.refused");
  g_menu_append (archive, C_("catalog", "Show _Archived Products"), "products.archived");
  g_menu_append_section (self->filter_menu, NULL, G_MENU_MODEL (archive));
}

static void
refresh (ComptoirProductsPage *self)
{
  ComptoirProductQuery query = {
    .search = self->search,
    .category = self->category,
    .stock = self->stock,
    .marketplace = self->marketplace,
    .directory = self->directory,
    .archived = self->archived,
    .refused = self->refused,
    .sort = self->sort,
    .descending = self->descending,
  };

  if (self->store == NULL)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->model = comptoir_product_query_run (self->store, &query);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_visible_page), self);
  gtk_multi_selection_set_model (self->selection, self->model);
  update_visible_page (self);
}

static void
focus_search_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ComptoirProductsPage *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static const GActionEntry page_actions[] = {
  { .name = "add", .activate = add_activated },
  { .name = "focus-search", .activate = focus_search_activated },
  { .name = "edit", .activate = edit_activated, .parameter_type = "x" },
  { .name = "duplicate", .activate = duplicate_activated, .parameter_type = "x" },
  { .name = "archive", .activate = archive_activated, .parameter_type = "x" },
  { .name = "delete", .activate = delete_activated, .parameter_type = "x" },
  { .name = "bulk-price", .activate = comptoir_products_page_bulk_activated },
  { .name = "bulk-stock", .activate = comptoir_products_page_bulk_activated },
  { .name = "bulk-category", .activate = comptoir_products_page_bulk_activated },
  { .name = "bulk-visibility", .activate = comptoir_products_page_bulk_activated },
  { .name = "unselect-all", .activate = comptoir_products_page_unselect_all_activated },
  { .name = "import", .activate = comptoir_products_page_import_activated },
  { .name = "export", .activate = comptoir_products_page_export_activated },
  { .name = "reset-filters", .activate = reset_filters_activated },
  { .name = "grid", .state = "false", .change_state = state_changed },
  { .name = "sort", .parameter_type = "s", .state = "'name'", .change_state = state_changed },
  { .name = "descending", .state = "false", .change_state = state_changed },
  { .name = "archived", .state = "false", .change_state = state_changed },
  { .name = "refused", .state = "false", .change_state = state_changed },
  { .name = "stock", .parameter_type = "s", .state = "'any'", .change_state = state_changed },
  { .name = "marketplace", .parameter_type = "s", .state = "'any'", .change_state = state_changed },
  { .name = "directory", .parameter_type = "s", .state = "'any'", .change_state = state_changed },
  { .name = "category", .parameter_type = "s", .state = "'*'", .change_state = state_changed },
};

/* The catalogue is read when the section is first shown, not at start-up:
 * a shop of 100,000 products opens as fast as an empty one. */
static void
load_if_shown (ComptoirProductsPage *self)
{
  if (self->loaded || self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->loaded = TRUE;
  rebuild_filter_menu (self);
  refresh (self);
}

static void
comptoir_products_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (comptoir_products_page_parent_class)->map (widget);
  load_if_shown (COMPTOIR_PRODUCTS_PAGE (widget));
}

static void
comptoir_products_page_dispose (GObject *object)
{
  ComptoirProductsPage *self = COMPTOIR_PRODUCTS_PAGE (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PRODUCTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->actions);
  g_clear_object (&self->filter_menu);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (comptoir_products_page_parent_class)->dispose (object);
}

static void
comptoir_products_page_class_init (ComptoirProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_products_page_dispose;
  widget_class->map = comptoir_products_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-products-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, bulk_revealer);
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ComptoirProductsPage, grid_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkListItemFactory *
new_factory (ComptoirProductsPage *self,
             GCallback             setup,
             GCallback             bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  return factory;
}

static void
comptoir_products_page_init (ComptoirProductsPage *self)
{
  g_autoptr(GtkListItemFactory) rows = NULL;
  g_autoptr(GtkListItemFactory) cells = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->thumbnails = comptoir_thumbnails_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "products", G_ACTION_GROUP (self->actions));

  self->filter_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->filter_button, G_MENU_MODEL (self->filter_menu));

  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (selection_changed_cb), self);

  rows = new_factory (self, G_CALLBACK (setup_row_cb), G_CALLBACK (bind_row_cb));
  cells = new_factory (self, G_CALLBACK (setup_cell_cb), G_CALLBACK (bind_cell_cb));
  gtk_list_view_set_factory (self->list_view, rows);
  gtk_grid_view_set_factory (self->grid_view, cells);

  /* Ctrl+F and Ctrl+N work from anywhere in the window while the page
   * is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                                                          gtk_named_action_new ("products.focus-search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>n"),
                                                          gtk_named_action_new ("products.add")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_visible_page (self);
}

/**
 * comptoir_products_page_set_store:
 * @self: the page
 * @store: the store to list from
 */
void
comptoir_products_page_set_store (ComptoirProductsPage *self,
                                  ComptoirStore        *store)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCTS_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  g_set_object (&self->store, store);
  self->loaded = FALSE;
  load_if_shown (self);
}

/**
 * comptoir_products_page_show_refused:
 * @self: the page
 *
 * Lists only the products a platform refused, for the merchant to fix.
 */
void
comptoir_products_page_show_refused (ComptoirProductsPage *self)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCTS_PAGE (self));

  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "refused", g_variant_new_boolean (TRUE));
}

/**
 * comptoir_products_page_reload:
 * @self: the page
 *
 * Reads the list again after the store changed.
 */
void
comptoir_products_page_reload (ComptoirProductsPage *self)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCTS_PAGE (self));

  if (COMPTOIR_IS_PAGED_LIST (self->model))
    comptoir_paged_list_reload (COMPTOIR_PAGED_LIST (self->model));
  rebuild_filter_menu (self);
  update_visible_page (self);
}

/**
 * comptoir_products_page_get_model:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the products shown
 */
GListModel *
comptoir_products_page_get_model (ComptoirProductsPage *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCTS_PAGE (self), NULL);

  return self->model;
}
