// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-paged-list"

#include "config.h"

#include "comptoir-paged-list-private.h"

/* A GListModel over a SQL query that never holds more than a few pages of
 * items: a list of 100,000 rows keeps memory flat. Pages are loaded on
 * demand and the least recently used ones are dropped. */

#define PAGE_SIZE 128
#define MAX_PAGES 8

typedef struct
{
  guint      index;    /* page number */
  GPtrArray *items;
  guint64    last_use;
} Page;

struct _ComptoirPagedList
{
  GObject          parent_instance;

  ComptoirStore   *store;
  GType            item_type;
  char            *count_sql;
  char            *page_sql;
  GStrv            params;
  ComptoirRowFunc  row_func;

  guint            n_items;
  Page             pages[MAX_PAGES];
  guint            n_pages;
  guint64          clock;
};

static void comptoir_paged_list_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ComptoirPagedList, comptoir_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      comptoir_paged_list_iface_init))

static void
bind_params (ComptoirPagedList *self,
             sqlite3_stmt      *stmt)
{
  for (guint i = 0; self->params != NULL && self->params[i] != NULL; i++)
    comptoir_sql_bind_text (stmt, i + 1, self->params[i]);
}

static guint
count_rows (ComptoirPagedList *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = comptoir_store_prepare (self->store, self->count_sql, &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot count list rows: %s", error->message);
      return 0;
    }
  bind_params (self, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
}

static void
clear_pages (ComptoirPagedList *self)
{
  for (guint i = 0; i < self->n_pages; i++)
    g_clear_pointer (&self->pages[i].items, g_ptr_array_unref);
  self->n_pages = 0;
}

/* Runs the page query into @items. FALSE if the database failed before
 * the page was complete (busy, locked, schema changed under us…). */
static gboolean
query_page (ComptoirPagedList *self,
            guint              index,
            GPtrArray         *items)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  guint n_params = self->params ? g_strv_length (self->params) : 0;
  int rc;

  stmt = comptoir_store_prepare (self->store, self->page_sql, &error);
  if (stmt == NULL)
    {
      g_debug ("Cannot load list page %u: %s", index, error->message);
      return FALSE;
    }
  bind_params (self, stmt);
  sqlite3_bind_int (stmt, n_params + 1, PAGE_SIZE);
  sqlite3_bind_int64 (stmt, n_params + 2, (gint64) index * PAGE_SIZE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, self->row_func (stmt));

  if (rc != SQLITE_DONE)
    {
      g_debug ("Cannot load list page %u after %u rows: %s",
               index, items->len, sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* The page @index, from the cache or the database; NULL if the database
 * failed twice. A failed page is never cached: a short page would hide
 * rows that are there until the next reload. */
static Page *
load_page (ComptoirPagedList *self,
           guint              index)
{
  g_autoptr(GPtrArray) items = NULL;
  gboolean loaded = FALSE;
  Page *page;

  for (guint i = 0; i < self->n_pages; i++)
    if (self->pages[i].index == index)
      {
        self->pages[i].last_use = ++self->clock;
        return &self->pages[i];
      }

  /* One retry: a busy database often frees up at once. */
  for (guint attempt = 0; attempt < 2 && !loaded; attempt++)
    {
      g_clear_pointer (&items, g_ptr_array_unref);
      items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
      loaded = query_page (self, index, items);
    }
  if (!loaded)
    return NULL;

  if (self->n_pages < MAX_PAGES)
    page = &self->pages[self->n_pages++];
  else
    {
      page = &self->pages[0];
      for (guint i = 1; i < MAX_PAGES; i++)
        if (self->pages[i].last_use < page->last_use)
          page = &self->pages[i];
      g_clear_pointer (&page->items, g_ptr_array_unref);
    }

  page->index = index;
  page->last_use = ++self->clock;
  page->items = g_steal_pointer (&items);
  return page;
}

static GType
comptoir_paged_list_get_item_type (GListModel *model)
{
  return COMPTOIR_PAGED_LIST (model)->item_type;
}

static guint
comptoir_paged_list_get_n_items (GListModel *model)
{
  return COMPTOIR_PAGED_LIST (model)->n_items;
}

static gpointer
comptoir_paged_list_get_item (GListModel *model,
                              guint       position)
{
  ComptoirPagedList *self = COMPTOIR_PAGED_LIST (model);
  Page *page;
  guint offset = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;

  page = load_page (self, position / PAGE_SIZE);
  if (page == NULL)
    return NULL; /* the database failed; the page is asked for again next time */
  if (offset >= page->items->len)
    return NULL; /* the table shrank under us; a reload is on its way */

  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
comptoir_paged_list_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = comptoir_paged_list_get_item_type;
  iface->get_n_items = comptoir_paged_list_get_n_items;
  iface->get_item = comptoir_paged_list_get_item;
}

/**
 * comptoir_paged_list_reload:
 * @self: a #ComptoirPagedList
 *
 * Forgets the loaded pages and counts the rows again, after the store
 * changed. Emits #GListModel::items-changed for the whole list.
 */
void
comptoir_paged_list_reload (ComptoirPagedList *self)
{
  guint old_n;

  g_return_if_fail (COMPTOIR_IS_PAGED_LIST (self));

  old_n = self->n_items;
  clear_pages (self);
  self->n_items = count_rows (self);
  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

/**
 * comptoir_paged_list_get_n_cached:
 * @self: a #ComptoirPagedList
 *
 * Returns: how many items are held in memory right now
 */
guint
comptoir_paged_list_get_n_cached (ComptoirPagedList *self)
{
  guint n = 0;

  g_return_val_if_fail (COMPTOIR_IS_PAGED_LIST (self), 0);

  for (guint i = 0; i < self->n_pages; i++)
    n += self->pages[i].items->len;
  return n;
}

ComptoirPagedList *
comptoir_paged_list_new (ComptoirStore      *store,
                         GType               item_type,
                         const char         *columns,
                         const char         *from_where,
                         const char         *order_by,
                         const char * const *params,
                         ComptoirRowFunc     row_func)
{
  ComptoirPagedList *self;
  guint n_params = params ? g_strv_length ((GStrv) params) : 0;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);
  g_return_val_if_fail (row_func != NULL, NULL);

  self = g_object_new (COMPTOIR_TYPE_PAGED_LIST, NULL);
  self->store = g_object_ref (store);
  self->item_type = item_type;
  self->params = g_strdupv ((GStrv) params);
  self->row_func = row_func;
  self->count_sql = g_strdup_printf ("SELECT count(*) %s", from_where);
  self->page_sql = g_strdup_printf ("SELECT %s %s ORDER BY %s LIMIT ?%u OFFSET ?%u",
                                    columns, from_where, order_by,
                                    n_params + 1, n_params + 2);
  self->n_items = count_rows (self);

  return self;
}

static void
comptoir_paged_list_finalize (GObject *object)
{
  ComptoirPagedList *self = COMPTOIR_PAGED_LIST (object);

  clear_pages (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->count_sql, g_free);
  g_clear_pointer (&self->page_sql, g_free);
  g_clear_pointer (&self->params, g_strfreev);

  G_OBJECT_CLASS (comptoir_paged_list_parent_class)->finalize (object);
}

static void
comptoir_paged_list_class_init (ComptoirPagedListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = comptoir_paged_list_finalize;
}

static void
comptoir_paged_list_init (ComptoirPagedList *self)
{
}
