// SPDX-License-Identifier: GPL-3.0-or-later
//
// Field-level validation of request bodies: every problem is collected with its path,
// so that one 422 lists them all.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

void
validator_init (Validator *v)
{
  v->errors = json_array_new ();
  v->path = g_string_new (NULL);
}

void
validator_clear (Validator *v)
{
  g_clear_pointer (&v->errors, json_array_unref);
  if (v->path != NULL)
    g_string_free (v->path, TRUE);
  v->path = NULL;
}

gboolean
validator_failed (Validator *v)
{
  return json_array_get_length (v->errors) > 0;
}

char *
v_field (const char *parent,
         const char *name)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s.%s", parent, name);
}

char *
v_index (const char *parent,
         guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

void
validator_add (Validator  *v,
               const char *field,
               const char *code,
               const char *message)
{
  JsonObject *e = json_object_new ();
  g_autofree char *full = v_field (v->path->str, field);

  json_object_set_string_member (e, "field", full);
  json_object_set_string_member (e, "code", code);
  json_object_set_string_member (e, "message", message);
  json_array_add_object_element (v->errors, e);
}

/* Common part: presence, null. Returns the node to check further, or NULL. */
static JsonNode *
member (Validator  *v,
        JsonObject *o,
        const char *name,
        gboolean    required,
        gboolean    nullable)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required && (node == NULL || !nullable))
        validator_add (v, name, "required", "is required");
      else if (node != NULL && !nullable)
        validator_add (v, name, "invalid_type", "must not be null");
      return NULL;
    }
  return node;
}

const char *
v_string (Validator  *v,
          JsonObject *o,
          const char *name,
          gboolean    required,
          gboolean    nullable,
          gsize       min_len,
          gsize       max_len)
{
  JsonNode *node = member (v, o, name, required, nullable);
  const char *s;
  glong len;

  if (node == NULL)
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      validator_add (v, name, "invalid_type", "must be a string");
      return NULL;
    }
  s = json_node_get_string (node);
  len = g_utf8_strlen (s, -1);
  if ((gsize) len < min_len)
    {
      validator_add (v, name, min_len == 1 ? "required" : "invalid_value",
                     min_len == 1 ? "must not be empty" : "is too short");
      return NULL;
    }
  if ((gsize) len > max_len)
    {
      g_autofree char *m = g_strdup_printf ("must be at most %" G_GSIZE_FORMAT " characters", max_len);
      validator_add (v, name, "too_long", m);
      return NULL;
    }
  return s;
}

gboolean
v_int (Validator  *v,
       JsonObject *o,
       const char *name,
       gboolean    required,
       gboolean    nullable,
       gint64      min,
       gint64      max,
       gint64     *out,
       gboolean   *is_null)
{
  JsonNode *node = member (v, o, name, required, nullable);
  gint64 value;

  if (is_null != NULL)
    *is_null = (node == NULL);
  if (node == NULL)
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      validator_add (v, name, "invalid_type", "must be an integer");
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_autofree char *m = g_strdup_printf ("must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                                            min, max);
      validator_add (v, name, "out_of_range", m);
      return FALSE;
    }
  if (out != NULL)
    *out = value;
  return TRUE;
}

gboolean
v_bool (Validator  *v,
        JsonObject *o,
        const char *name,
        gboolean    def)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL)
    return def;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      validator_add (v, name, "invalid_type", "must be true or false");
      return def;
    }
  return json_node_get_boolean (node);
}

gboolean
v_enum (Validator          *v,
        JsonObject         *o,
        const char         *name,
        gboolean            required,
        const char * const *values)
{
  JsonNode *node = member (v, o, name, required, FALSE);
  g_autofree char *list = NULL;
  g_autofree char *m = NULL;

  if (node == NULL)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING
      && g_strv_contains (values, json_node_get_string (node)))
    return TRUE;
  list = g_strjoinv (", ", (char **) values);
  m = g_strdup_printf ("must be one of %s", list);
  validator_add (v, name, "invalid_value", m);
  return FALSE;
}

JsonArray *
v_array (Validator  *v,
         JsonObject *o,
         const char *name,
         gboolean    required,
         guint       max_items)
{
  JsonNode *node = member (v, o, name, required, FALSE);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      validator_add (v, name, "invalid_type", "must be an array");
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (node)) > max_items)
    {
      g_autofree char *m = g_strdup_printf ("must have at most %u items", max_items);
      validator_add (v, name, "too_many", m);
      return NULL;
    }
  return json_node_get_array (node);
}

JsonObject *
v_object (Validator  *v,
          JsonObject *o,
          const char *name,
          gboolean    required)
{
  JsonNode *node = member (v, o, name, required, TRUE);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      validator_add (v, name, "invalid_type", "must be an object");
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
v_pattern (Validator  *v,
           JsonObject *o,
           const char *name,
           gboolean    nullable,
           const char *regex,
           const char *what)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || (nullable && JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      validator_add (v, name, "invalid_type", "must be a string");
      return FALSE;
    }
  if (!g_regex_match_simple (regex, json_node_get_string (node), 0, 0))
    {
      g_autofree char *m = g_strdup_printf ("must be %s", what);
      validator_add (v, name, "invalid_format", m);
      return FALSE;
    }
  return TRUE;
}

/* GTIN-8/12/13/14 with its modulo-10 check digit. */
gboolean
v_gtin (Validator  *v,
        JsonObject *o,
        const char *name)
{
  const char *s;
  gsize len;
  int sum = 0;

  if (!v_pattern (v, o, name, TRUE, "^([0-9]{8}|[0-9]{12,14})$", "8, 12, 13 or 14 digits"))
    return FALSE;
  if (!json_object_has_member (o, name) || json_object_get_null_member (o, name))
    return TRUE;
  s = json_object_get_string_member (o, name);
  len = strlen (s);
  for (gsize i = 0; i + 1 < len; i++)
    sum += (s[len - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  if ((10 - sum % 10) % 10 != s[len - 1] - '0')
    {
      validator_add (v, name, "invalid_value", "has a wrong check digit");
      return FALSE;
    }
  return TRUE;
}
