// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Typed, bounded reads of JSON from a platform. A wrong type, a value out
 * of range, a missing required member: COMPTOIR_ERROR_PROTOCOL with a
 * message a shopkeeper can read. Nothing from a server is used before it
 * went through one of these. */

typedef enum
{
  COMPTOIR_JSON_REQUIRED = 0,
  COMPTOIR_JSON_OPTIONAL = 1 << 0, /* may be missing */
  COMPTOIR_JSON_NULLABLE = 1 << 1, /* may be null */
} ComptoirJsonFlags;

#define COMPTOIR_JSON_MAX_DEPTH 32

JsonNode   *comptoir_json_parse          (GBytes             *bytes,
                                          GError            **error);
JsonObject *comptoir_json_root_object    (JsonNode           *node,
                                          GError            **error);
gboolean    comptoir_json_get_string     (JsonObject         *object,
                                          const char         *member,
                                          ComptoirJsonFlags   flags,
                                          gsize               max_length,
                                          const char        **out,
                                          GError            **error);
gboolean    comptoir_json_get_enum       (JsonObject         *object,
                                          const char         *member,
                                          ComptoirJsonFlags   flags,
                                          const char * const *allowed,
                                          const char        **out,
                                          GError            **error);
gboolean    comptoir_json_get_int        (JsonObject         *object,
                                          const char         *member,
                                          ComptoirJsonFlags   flags,
                                          gint64              min,
                                          gint64              max,
                                          gint64             *out,
                                          GError            **error);
gboolean    comptoir_json_get_bool       (JsonObject         *object,
                                          const char         *member,
                                          ComptoirJsonFlags   flags,
                                          gboolean           *out,
                                          GError            **error);
gboolean    comptoir_json_get_object     (JsonObject         *object,
                                          const char         *member,
                                          ComptoirJsonFlags   flags,
                                          JsonObject        **out,
                                          GError            **error);
gboolean    comptoir_json_get_array      (JsonObject         *object,
                                          const char         *member,
                                          ComptoirJsonFlags   flags,
                                          guint               max_items,
                                          JsonArray         **out,
                                          GError            **error);
JsonObject *comptoir_json_array_object   (JsonArray          *array,
                                          guint               index,
                                          const char         *what,
                                          GError            **error);
void        comptoir_json_set_protocol_error (GError        **error,
                                              const char     *what);
GBytes     *comptoir_json_to_bytes       (JsonNode           *node);

G_END_DECLS
