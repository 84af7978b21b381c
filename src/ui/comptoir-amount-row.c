// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-amount-row"

#include "config.h"

#include "comptoir-amount-row.h"

/**
 * comptoir_amount_row_new:
 *
 * Returns: (transfer floating): a row for comptoir_amount_row_set()
 */
GtkWidget *
comptoir_amount_row_new (void)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (amount, "amount");
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);

  /* Order matters: comptoir_amount_row_set() walks the children in it. */
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), subtitle, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), amount, 1, 0, 1, 2);
  return grid;
}

/**
 * comptoir_amount_row_set:
 * @row: a row from comptoir_amount_row_new()
 * @title: the first line
 * @subtitle: the second, dimmed line
 * @amount: the formatted amount
 */
void
comptoir_amount_row_set (GtkWidget  *row,
                         const char *title,
                         const char *subtitle,
                         const char *amount)
{
  GtkWidget *title_label = gtk_widget_get_first_child (row);
  GtkWidget *subtitle_label = gtk_widget_get_next_sibling (title_label);
  GtkWidget *amount_label = gtk_widget_get_next_sibling (subtitle_label);

  gtk_label_set_text (GTK_LABEL (title_label), title);
  gtk_label_set_text (GTK_LABEL (subtitle_label), subtitle);
  gtk_label_set_text (GTK_LABEL (amount_label), amount);
}
