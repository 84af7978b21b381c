// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "comptoir-account.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/* The comptoir-sandbox on an ephemeral loopback port, for tests. */
typedef struct
{
  GSubprocess *process;
  char        *marketplace;
  char        *directory;
  char        *origin;
  char        *email;
  char        *password;
  char        *api_key;
} ComptoirTestSandbox;

ComptoirTestSandbox *comptoir_test_sandbox_start   (const char          *first_option,
                                                    ...) G_GNUC_NULL_TERMINATED;
void                 comptoir_test_sandbox_stop    (ComptoirTestSandbox *sandbox);
JsonNode            *comptoir_test_sandbox_control (ComptoirTestSandbox *sandbox,
                                                    const char          *method,
                                                    const char          *path,
                                                    const char          *json_body,
                                                    guint               *status);

void                 comptoir_test_result_cb       (GObject             *source,
                                                    GAsyncResult        *result,
                                                    gpointer             user_data);
GAsyncResult        *comptoir_test_await           (GAsyncResult       **slot);
gboolean             comptoir_test_file_contains   (const char          *path,
                                                    const char          *needle);
ComptoirAccount     *comptoir_test_connect_account (ComptoirStore       *store,
                                                    const char          *url,
                                                    const char          *login,
                                                    const char          *secret);

G_END_DECLS
