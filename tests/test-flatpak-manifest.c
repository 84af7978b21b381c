// SPDX-License-Identifier: GPL-3.0-or-later
/* Checks the Flatpak manifest against the project's sandbox rules: a
 * current GNOME runtime, the right app id, a meson build of the app, and
 * finish-args limited to network, ipc, wayland, fallback-x11 and dri (no
 * filesystem, no D-Bus names: secrets go through the Secret portal).
 *
 * The manifest checked is $COMPTOIR_FLATPAK_MANIFEST, so the same program
 * can be pointed at a modified copy. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "comptoir-test-utils.h"

#define MIN_RUNTIME_VERSION 49

static const char * const allowed_finish_args[] = {
  "--share=network",
  "--share=ipc",
  "--socket=wayland",
  "--socket=fallback-x11",
  "--device=dri",
};

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
element_string (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_allowed_finish_arg (const char *arg)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_finish_args); i++)
    if (g_strcmp0 (arg, allowed_finish_args[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Returns one line per rule the manifest breaks; empty when it keeps them all. */
static GPtrArray *
check_manifest (JsonNode *root)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *manifest;
  JsonNode *node;
  const char *value;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_ptr_array_add (problems, g_strdup ("the manifest is not a JSON object"));
      return problems;
    }
  manifest = json_node_get_object (root);

  value = member_string (manifest, "app-id");
  if (g_strcmp0 (value, BASE_APPLICATION_ID) != 0)
    g_ptr_array_add (problems, g_strdup_printf ("app-id is “%s”, not “%s”",
                                                value ? value : "(none)", BASE_APPLICATION_ID));

  value = member_string (manifest, "runtime");
  if (g_strcmp0 (value, "org.gnome.Platform") != 0)
    g_ptr_array_add (problems, g_strdup_printf ("runtime is “%s”, not org.gnome.Platform",
                                                value ? value : "(none)"));

  value = member_string (manifest, "sdk");
  if (g_strcmp0 (value, "org.gnome.Sdk") != 0)
    g_ptr_array_add (problems, g_strdup_printf ("sdk is “%s”, not org.gnome.Sdk",
                                                value ? value : "(none)"));

  value = member_string (manifest, "runtime-version");
  {
    guint64 version = 0;

    if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &version, NULL)
        || version < MIN_RUNTIME_VERSION)
      g_ptr_array_add (problems, g_strdup_printf ("runtime-version is “%s”, not a GNOME release ≥ %d",
                                                  value ? value : "(none)", MIN_RUNTIME_VERSION));
  }

  value = member_string (manifest, "command");
  if (g_strcmp0 (value, "comptoir") != 0)
    g_ptr_array_add (problems, g_strdup_printf ("command is “%s”, not comptoir",
                                                value ? value : "(none)"));

  node = json_object_get_member (manifest, "finish-args");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    g_ptr_array_add (problems, g_strdup ("finish-args is missing"));
  else
    {
      JsonArray *args = json_node_get_array (node);
      guint n = json_array_get_length (args);

      for (guint i = 0; i < n; i++)
        {
          const char *text = element_string (args, i);

          if (!is_allowed_finish_arg (text))
            g_ptr_array_add (problems, g_strdup_printf ("finish-args grants “%s”, beyond network, ipc, "
                                                        "wayland, fallback-x11 and dri",
                                                        text ? text : "(not a string)"));
        }
      for (guint j = 0; j < G_N_ELEMENTS (allowed_finish_args); j++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < n && !found; i++)
            found = g_strcmp0 (element_string (args, i), allowed_finish_args[j]) == 0;
          if (!found)
            g_ptr_array_add (problems, g_strdup_printf ("finish-args lacks “%s”", allowed_finish_args[j]));
        }
    }

  node = json_object_get_member (manifest, "modules");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    g_ptr_array_add (problems, g_strdup ("modules is missing or empty"));
  else
    {
      JsonArray *modules = json_node_get_array (node);
      JsonNode *last = json_array_get_element (modules, json_array_get_length (modules) - 1);

      if (!JSON_NODE_HOLDS_OBJECT (last))
        g_ptr_array_add (problems, g_strdup ("the last module is not an object (the app must be built here)"));
      else
        {
          JsonObject *module = json_node_get_object (last);

          value = member_string (module, "name");
          if (g_strcmp0 (value, "comptoir") != 0)
            g_ptr_array_add (problems, g_strdup_printf ("the last module is “%s”, not comptoir",
                                                        value ? value : "(none)"));
          value = member_string (module, "buildsystem");
          if (g_strcmp0 (value, "meson") != 0)
            g_ptr_array_add (problems, g_strdup_printf ("the last module builds with “%s”, not meson",
                                                        value ? value : "(none)"));
        }
    }

  return problems;
}

static JsonNode *
load_manifest (void)
{
  const char *path = g_getenv ("COMPTOIR_FLATPAK_MANIFEST");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_manifest_keeps_rules (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  g_autoptr(GPtrArray) problems = check_manifest (root);

  g_test_message ("checking %s", g_getenv ("COMPTOIR_FLATPAK_MANIFEST"));
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("manifest: %s", (const char *) problems->pdata[i]);
  if (problems->len > 0)
    g_test_fail_printf ("the Flatpak manifest breaks %u rule(s), first: %s",
                        problems->len, (const char *) problems->pdata[0]);
}

/* Each change below, applied to the real manifest, must be caught: the
 * check above would otherwise pass whatever the manifest says. */
typedef void (*Mutation) (JsonObject *manifest);

static void
add_finish_arg (JsonObject *manifest,
                const char *arg)
{
  json_array_add_string_element (json_object_get_array_member (manifest, "finish-args"), arg);
}

static void add_home (JsonObject *m) { add_finish_arg (m, "--filesystem=home"); }
static void add_host (JsonObject *m) { add_finish_arg (m, "--filesystem=host"); }
static void add_secrets_name (JsonObject *m) { add_finish_arg (m, "--talk-name=org.freedesktop.secrets"); }
static void add_system_name (JsonObject *m) { add_finish_arg (m, "--system-talk-name=org.freedesktop.NetworkManager"); }
static void add_x11 (JsonObject *m) { add_finish_arg (m, "--socket=x11"); }
static void add_all_devices (JsonObject *m) { add_finish_arg (m, "--device=all"); }

static void
replace_fallback_x11 (JsonObject *manifest)
{
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");

  for (guint i = 0; i < json_array_get_length (args); i++)
    if (g_strcmp0 (element_string (args, i), "--socket=fallback-x11") == 0)
      json_node_set_string (json_array_get_element (args, i), "--socket=x11");
}

static void old_runtime (JsonObject *m) { json_object_set_string_member (m, "runtime-version", "48"); }
static void master_runtime (JsonObject *m) { json_object_set_string_member (m, "runtime-version", "master"); }
static void other_runtime (JsonObject *m) { json_object_set_string_member (m, "runtime", "org.freedesktop.Platform"); }
static void other_app_id (JsonObject *m) { json_object_set_string_member (m, "app-id", "io.github.comptoir.Other"); }

static void
cmake_last_module (JsonObject *manifest)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *last = json_array_get_object_element (modules, json_array_get_length (modules) - 1);

  json_object_set_string_member (last, "buildsystem", "cmake-ninja");
}

static void
library_last (JsonObject *manifest)
{
  JsonObject *module = json_object_new ();

  json_object_set_string_member (module, "name", "some-library");
  json_object_set_string_member (module, "buildsystem", "autotools");
  json_array_add_object_element (json_object_get_array_member (manifest, "modules"), module);
}

static void
test_manifest_rejects_changes (void)
{
  static const struct { const char *what; Mutation mutate; } cases[] = {
    { "home filesystem", add_home },
    { "host filesystem", add_host },
    { "talk-name for secrets", add_secrets_name },
    { "system-talk-name", add_system_name },
    { "plain x11 socket", add_x11 },
    { "x11 instead of fallback-x11", replace_fallback_x11 },
    { "all devices", add_all_devices },
    { "runtime 48", old_runtime },
    { "master runtime", master_runtime },
    { "freedesktop runtime", other_runtime },
    { "other app id", other_app_id },
    { "cmake build", cmake_last_module },
    { "app not the last module", library_last },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = load_manifest ();
      g_autoptr(GPtrArray) problems = NULL;

      cases[i].mutate (json_node_get_object (root));
      problems = check_manifest (root);
      g_test_message ("%s: %s", cases[i].what,
                      problems->len > 0 ? (const char *) problems->pdata[0] : "accepted");
      if (problems->len == 0)
        g_test_fail_printf ("a manifest with %s was accepted", cases[i].what);
    }
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/flatpak/manifest/keeps-rules", test_manifest_keeps_rules);
  g_test_add_func ("/flatpak/manifest/rejects-changes", test_manifest_rejects_changes);

  return g_test_run ();
}
