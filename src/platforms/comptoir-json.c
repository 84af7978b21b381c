// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-json"

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-json.h"

/**
 * comptoir_json_set_protocol_error:
 * @error: where to put the error
 * @what: our own name of the part that was wrong (never server text)
 */
void
comptoir_json_set_protocol_error (GError    **error,
                                  const char *what)
{
  g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL,
               _("The platform sent an answer Comptoir cannot use (%s). "
                 "Try again later; if it goes on, tell the platform."),
               what);
}

/* json-glib's parser recurses once per nesting level: a hostile body of a
 * million brackets would overflow the stack. Count before parsing. */
static gboolean
nesting_is_reasonable (const guint8 *data,
                       gsize         len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > COMPTOIR_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
comptoir_json_parse (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const guint8 *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  JsonNode *root;

  if (data == NULL || len == 0 || len > G_MAXSSIZE
      || !g_utf8_validate ((const char *) data, (gssize) len, NULL)
      || !nesting_is_reasonable (data, len)
      || !json_parser_load_from_data (parser, (const char *) data, (gssize) len, NULL))
    {
      comptoir_json_set_protocol_error (error, _("not valid JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      comptoir_json_set_protocol_error (error, _("empty answer"));
      return NULL;
    }
  return json_node_ref (root);
}

JsonObject *
comptoir_json_root_object (JsonNode  *node,
                           GError   **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      comptoir_json_set_protocol_error (error, _("not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Returns the member's node, or NULL when it is missing or null and that
 * is allowed (then *absent is TRUE). */
static JsonNode *
get_member (JsonObject        *object,
            const char        *member,
            ComptoirJsonFlags  flags,
            gboolean          *absent,
            GError           **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  *absent = FALSE;
  if (node == NULL)
    {
      if (flags & COMPTOIR_JSON_OPTIONAL)
        {
          *absent = TRUE;
          return NULL;
        }
      comptoir_json_set_protocol_error (error, member);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & (COMPTOIR_JSON_NULLABLE | COMPTOIR_JSON_OPTIONAL))
        {
          *absent = TRUE;
          return NULL;
        }
      comptoir_json_set_protocol_error (error, member);
      return NULL;
    }
  return node;
}

gboolean
comptoir_json_get_string (JsonObject        *object,
                          const char        *member,
                          ComptoirJsonFlags  flags,
                          gsize              max_length,
                          const char       **out,
                          GError           **error)
{
  gboolean absent;
  JsonNode *node = get_member (object, member, flags, &absent, error);
  const char *value;

  *out = NULL;
  if (node == NULL)
    return absent;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  value = json_node_get_string (node);
  if (value == NULL || g_utf8_strlen (value, -1) > (glong) max_length)
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
comptoir_json_get_enum (JsonObject         *object,
                        const char         *member,
                        ComptoirJsonFlags   flags,
                        const char * const *allowed,
                        const char        **out,
                        GError            **error)
{
  const char *value;

  if (!comptoir_json_get_string (object, member, flags, 64, &value, error))
    return FALSE;
  *out = NULL;
  if (value == NULL)
    return TRUE;
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_str_equal (allowed[i], value))
      {
        *out = allowed[i];
        return TRUE;
      }
  comptoir_json_set_protocol_error (error, member);
  return FALSE;
}

gboolean
comptoir_json_get_int (JsonObject        *object,
                       const char        *member,
                       ComptoirJsonFlags  flags,
                       gint64             min,
                       gint64             max,
                       gint64            *out,
                       GError           **error)
{
  gboolean absent;
  JsonNode *node = get_member (object, member, flags, &absent, error);
  gint64 value;

  *out = 0;
  if (node == NULL)
    return absent;
  /* A double (1e400, 12.5) is not an integer: refuse it rather than round. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
comptoir_json_get_bool (JsonObject        *object,
                        const char        *member,
                        ComptoirJsonFlags  flags,
                        gboolean          *out,
                        GError           **error)
{
  gboolean absent;
  JsonNode *node = get_member (object, member, flags, &absent, error);

  *out = FALSE;
  if (node == NULL)
    return absent;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
comptoir_json_get_object (JsonObject        *object,
                          const char        *member,
                          ComptoirJsonFlags  flags,
                          JsonObject       **out,
                          GError           **error)
{
  gboolean absent;
  JsonNode *node = get_member (object, member, flags, &absent, error);

  *out = NULL;
  if (node == NULL)
    return absent;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
comptoir_json_get_array (JsonObject        *object,
                         const char        *member,
                         ComptoirJsonFlags  flags,
                         guint              max_items,
                         JsonArray        **out,
                         GError           **error)
{
  gboolean absent;
  JsonNode *node = get_member (object, member, flags, &absent, error);

  *out = NULL;
  if (node == NULL)
    return absent;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > max_items)
    {
      comptoir_json_set_protocol_error (error, member);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

JsonObject *
comptoir_json_array_object (JsonArray  *array,
                            guint       index,
                            const char *what,
                            GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      comptoir_json_set_protocol_error (error, what);
      return NULL;
    }
  return json_node_get_object (node);
}

GBytes *
comptoir_json_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &len);
  return g_bytes_new_take (data, len);
}
