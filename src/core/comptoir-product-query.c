// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-product-query"

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-money.h"
#include "comptoir-paged-list-private.h"
#include "comptoir-product-query.h"
#include "comptoir-product-store-private.h"
#include "comptoir-text.h"

/* Every condition binds user text as a parameter; only fixed SQL is
 * pasted into the query. The sort orders and the archived flag are served
 * by the indexes of schema version 2. */

static void
add_published (GString                 *where,
               const char              *kind,
               ComptoirPublishedFilter  filter)
{
  if (filter == COMPTOIR_PUBLISHED_ANY)
    return;
  g_string_append_printf (where,
                          " AND %sEXISTS (SELECT 1 FROM product_publications pp"
                          " JOIN accounts a ON a.id = pp.account_id"
                          " WHERE pp.product_id = p.id AND a.kind = '%s' AND pp.state = 'published')",
                          filter == COMPTOIR_PUBLISHED_NO ? "NOT " : "", kind);
}

static char *
like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/**
 * comptoir_product_query_run:
 * @store: the store
 * @query: (nullable): what to list; %NULL lists every product not archived
 *
 * Returns: (transfer full): a #ComptoirPagedList of #ComptoirProduct
 */
GListModel *
comptoir_product_query_run (ComptoirStore              *store,
                            const ComptoirProductQuery *query)
{
  static const ComptoirProductQuery all = { 0 };
  g_autoptr(GString) where = g_string_new ("FROM products p WHERE p.archived = ");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *order = NULL;
  const char *dir;
  const char *nulls;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  if (query == NULL)
    query = &all;
  g_string_append (where, query->archived ? "1" : "0");

  if (query->search != NULL)
    {
      g_autofree char *folded = comptoir_text_fold (query->search);
      g_auto(GStrv) words = g_strsplit (folded, " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] == '\0')
            continue;
          g_ptr_array_add (params, like_pattern (words[i]));
          g_string_append_printf (where, " AND p.search_text LIKE ?%u ESCAPE '\\'", params->len);
        }
    }

  if (query->category != NULL)
    {
      g_ptr_array_add (params, g_strdup (query->category));
      g_string_append_printf (where, " AND p.category = ?%u", params->len);
    }

  switch (query->stock)
    {
    case COMPTOIR_STOCK_FILTER_IN_STOCK:
      g_string_append (where, " AND p.stock > 0");
      break;
    case COMPTOIR_STOCK_FILTER_OUT_OF_STOCK:
      g_string_append (where, " AND p.stock <= 0");
      break;
    case COMPTOIR_STOCK_FILTER_NOT_TRACKED:
      g_string_append (where, " AND p.stock IS NULL");
      break;
    case COMPTOIR_STOCK_FILTER_ANY:
    default:
      break;
    }

  add_published (where, "marketplace", query->marketplace);
  add_published (where, "directory", query->directory);
  if (query->refused)
    g_string_append (where, " AND EXISTS (SELECT 1 FROM product_publications pp"
                            " WHERE pp.product_id = p.id AND pp.state IN ('failed', 'conflict'))");
  if (query->visibility != 0)
    g_string_append_printf (where, " AND (p.visibility & %u) = %u",
                            query->visibility, query->visibility);

  dir = query->descending ? "DESC" : "ASC";
  /* Products whose stock is not tracked come last either way (an index
   * for each direction serves this order). */
  nulls = "p.stock IS NULL, ";
  switch (query->sort)
    {
    case COMPTOIR_PRODUCT_SORT_PRICE:
      order = g_strdup_printf ("p.price_cents %s, p.id %s", dir, dir);
      break;
    case COMPTOIR_PRODUCT_SORT_STOCK:
      order = g_strdup_printf ("%sp.stock %s, p.id %s", nulls, dir, dir);
      break;
    case COMPTOIR_PRODUCT_SORT_UPDATED:
      order = g_strdup_printf ("p.updated_at %s, p.id %s", dir, dir);
      break;
    case COMPTOIR_PRODUCT_SORT_NAME:
    default:
      order = g_strdup_printf ("p.sort_name %s, p.id %s", dir, dir);
      break;
    }

  g_ptr_array_add (params, NULL);
  return G_LIST_MODEL (comptoir_paged_list_new (store, COMPTOIR_TYPE_PRODUCT,
                                                COMPTOIR_PRODUCT_COLUMNS, where->str, order,
                                                (const char * const *) params->pdata,
                                                comptoir_product_from_row));
}

typedef struct
{
  const gint64           *ids;
  guint                   n_ids;
  const ComptoirBulkEdit *edit;
} BulkData;

static gboolean
bulk_exec (ComptoirStore  *store,
           const char     *sql,
           const char     *ids_json,
           BulkData       *data,
           const char     *now,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  comptoir_sql_bind_text (stmt, 1, ids_json);
  if (data->edit->kind == COMPTOIR_BULK_SET_CATEGORY)
    comptoir_sql_bind_text (stmt, 2, data->edit->category ? data->edit->category : "");
  else if (data->edit->kind == COMPTOIR_BULK_SET_VISIBILITY)
    sqlite3_bind_int64 (stmt, 2, data->edit->visibility);
  else
    sqlite3_bind_int64 (stmt, 2, data->edit->amount);
  comptoir_sql_bind_text (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, COMPTOIR_MONEY_MAX_CENTS);
  return comptoir_store_step_done (store, stmt, error);
}

static gboolean
bulk_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  BulkData *data = user_data;
  g_autoptr(GString) ids = g_string_new ("[");
  g_autofree char *now = comptoir_now_iso8601 ();
  const char *product_sql = NULL;
  const char *variant_sql = NULL;

  for (guint i = 0; i < data->n_ids; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", data->ids[i]);
  g_string_append_c (ids, ']');

  /* ?1 the ids, ?2 the value, ?3 now, ?4 the largest price. Percentages
   * round half up to the cent; no price goes below zero. */
#define IDS " WHERE id IN (SELECT value FROM json_each (?1))"
#define VIDS " WHERE product_id IN (SELECT value FROM json_each (?1))"
  switch (data->edit->kind)
    {
    case COMPTOIR_BULK_PRICE_ADD:
      product_sql = "UPDATE products SET price_cents = min (?4, max (0, price_cents + ?2)), updated_at = ?3" IDS;
      variant_sql = "UPDATE product_variants SET price_cents = min (?4, max (0, price_cents + ?2))" VIDS;
      break;
    case COMPTOIR_BULK_PRICE_PERCENT:
      product_sql = "UPDATE products SET price_cents = min (?4, max (0, (price_cents * (10000 + ?2) + 5000) / 10000)),"
                    " updated_at = ?3" IDS;
      variant_sql = "UPDATE product_variants SET price_cents = min (?4, max (0, (price_cents * (10000 + ?2) + 5000) / 10000))" VIDS;
      break;
    case COMPTOIR_BULK_SET_STOCK:
      product_sql = "UPDATE products SET stock = ?2, updated_at = ?3" IDS;
      variant_sql = "UPDATE product_variants SET stock = ?2" VIDS;
      break;
    case COMPTOIR_BULK_SET_CATEGORY:
      product_sql = "UPDATE products SET category = ?2, updated_at = ?3" IDS;
      break;
    case COMPTOIR_BULK_SET_VISIBILITY:
      product_sql = "UPDATE products SET visibility = ?2, updated_at = ?3" IDS;
      break;
    default:
      g_assert_not_reached ();
    }
#undef IDS
#undef VIDS

  if (!bulk_exec (store, product_sql, ids->str, data, now, error))
    return FALSE;
  if (variant_sql != NULL && !bulk_exec (store, variant_sql, ids->str, data, now, error))
    return FALSE;
  return TRUE;
}

/**
 * comptoir_products_bulk_edit:
 * @store: the store
 * @ids: (array length=n_ids): the products
 * @n_ids: how many
 * @edit: the change
 * @error: a #GError
 *
 * Applies one change to several products and their variants, in one
 * transaction: all of them change, or none.
 */
gboolean
comptoir_products_bulk_edit (ComptoirStore          *store,
                             const gint64           *ids,
                             guint                   n_ids,
                             const ComptoirBulkEdit *edit,
                             GError                **error)
{
  BulkData data = { ids, n_ids, edit };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (edit->kind == COMPTOIR_BULK_PRICE_PERCENT && (edit->amount < -10000 || edit->amount > 100000))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Choose a change between −100 % and +1000 %."));
      return FALSE;
    }
  if (edit->kind == COMPTOIR_BULK_PRICE_ADD
      && (edit->amount < -COMPTOIR_MONEY_MAX_CENTS || edit->amount > COMPTOIR_MONEY_MAX_CENTS))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("This amount is too large to be a price."));
      return FALSE;
    }
  if (edit->kind == COMPTOIR_BULK_SET_STOCK && (edit->amount < 0 || edit->amount > G_MAXINT32))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Type a stock of zero or more."));
      return FALSE;
    }
  if (n_ids == 0)
    return TRUE;

  return comptoir_store_transaction (store, bulk_tx, &data, error);
}

/**
 * comptoir_bulk_price_parse:
 * @text: what the merchant typed: "+10 %", "-5%", "2,5 %", "+0,50", "−1,20 €"
 * @edit: (out caller-allocates): set to a price change by percentage or
 *   by amount
 * @error: a #GError
 *
 * Reads a price change. A number followed by "%" is a percentage, any
 * other number an amount in euros; without a sign, the price goes up.
 */
gboolean
comptoir_bulk_price_parse (const char        *text,
                           ComptoirBulkEdit  *edit,
                           GError           **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char *number = copy;
  gboolean negative = FALSE;
  gboolean percent = FALSE;
  gsize len;
  gint64 value;

  g_return_val_if_fail (edit != NULL, FALSE);

  if (*number == '+')
    number++;
  else if (*number == '-')
    {
      negative = TRUE;
      number++;
    }
  else if (g_str_has_prefix (number, "−"))
    {
      negative = TRUE;
      number += strlen ("−");
    }

  len = strlen (number);
  if (len > 0 && number[len - 1] == '%')
    {
      percent = TRUE;
      number[len - 1] = '\0';
    }
  g_strstrip (number);

  if (*number == '\0' || !comptoir_money_parse (number, &value, NULL))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Type a change such as +10 %, -5 % or +0,50."));
      return FALSE;
    }

  memset (edit, 0, sizeof *edit);
  edit->kind = percent ? COMPTOIR_BULK_PRICE_PERCENT : COMPTOIR_BULK_PRICE_ADD;
  /* cents of a euro, or hundredths of a percent: the same two decimals */
  edit->amount = negative ? -value : value;
  if (percent && (edit->amount < -10000 || edit->amount > 100000))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Choose a change between −100 % and +1000 %."));
      return FALSE;
    }
  return TRUE;
}
