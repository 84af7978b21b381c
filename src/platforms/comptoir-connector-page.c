// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-connector"

#include <string.h>

#include "comptoir-connector-private.h"

/**
 * comptoir_connector_parse_page:
 * @date_member: the item's member holding its last change ("updated_at",
 *   "dateModified"), required on every item
 * @parse_remote: reads the platform's fields of an item (its id, version…)
 * @parse_item: reads the item itself (an order, a payout, a product)
 *
 * Reads one page of a list: `{"items": [...], "next_cursor": ...}`.
 *
 * Returns: (transfer full): the page, %NULL on error
 */
ComptoirPage *
comptoir_connector_parse_page (ComptoirHttpResponse  *response,
                               const char            *date_member,
                               ComptoirRemoteParser   parse_remote,
                               ComptoirItemParser     parse_item,
                               GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ComptoirPage) page = g_new0 (ComptoirPage, 1);
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  JsonArray *items;
  const char *cursor;

  if (object == NULL
      || !comptoir_json_get_array (object, "items", COMPTOIR_JSON_REQUIRED, 1000, &items, error)
      || !comptoir_json_get_string (object, "next_cursor", COMPTOIR_JSON_NULLABLE, 512, &cursor, error))
    return NULL;

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  page->remote = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_remote_object_free);
  page->next_cursor = g_strdup (cursor);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = comptoir_json_array_object (items, i, "items", error);
      GObject *value;
      ComptoirRemoteObject *remote;
      const char *modified;

      if (item == NULL
          || !comptoir_json_get_string (item, date_member, COMPTOIR_JSON_REQUIRED, 64, &modified, error)
          || (remote = parse_remote (item, NULL, error)) == NULL)
        return NULL;
      g_ptr_array_add (page->remote, remote);
      if ((value = parse_item (item, error)) == NULL)
        return NULL;
      g_ptr_array_add (page->items, value);
      /* RFC 3339 in UTC with the same precision: text order is time order. */
      if (page->max_updated_at == NULL || strcmp (modified, page->max_updated_at) > 0)
        {
          g_free (page->max_updated_at);
          page->max_updated_at = g_strdup (modified);
        }
    }
  return g_steal_pointer (&page);
}

/**
 * comptoir_connector_list:
 * @path: the list's path ("/orders")
 * @parse: turns the answer into a #ComptoirPage
 *
 * Asks for one page of a list; the task returns the #ComptoirPage.
 * @task is consumed.
 */
void
comptoir_connector_list (ComptoirConnector *self,
                         const char        *path,
                         const char        *cursor,
                         const char        *updated_since,
                         ComptoirParseFunc  parse,
                         GTask             *task)
{
  g_autofree char *url = comptoir_connector_list_url (self, path, cursor, updated_since);

  comptoir_connector_call (self, "GET", url, NULL, NULL, NULL, parse, (GDestroyNotify) comptoir_page_free, task);
}
