// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COMPTOIR_ERROR (comptoir_error_quark ())

/**
 * ComptoirError:
 * @COMPTOIR_ERROR_FAILED: anything not covered below
 * @COMPTOIR_ERROR_INVALID_INPUT: the merchant typed something we cannot use
 * @COMPTOIR_ERROR_STORE: the local database failed
 * @COMPTOIR_ERROR_NEWER_SCHEMA: the database was written by a newer Comptoir
 * @COMPTOIR_ERROR_NOT_FOUND: the object does not exist (any more)
 * @COMPTOIR_ERROR_IMAGE: a photo cannot be read or is unreasonable
 * @COMPTOIR_ERROR_NETWORK: the platform cannot be reached
 * @COMPTOIR_ERROR_AUTH: the platform refused our credentials
 * @COMPTOIR_ERROR_PROTOCOL: the platform answered something we cannot trust
 * @COMPTOIR_ERROR_CONFLICT: the object changed on the platform meanwhile
 * @COMPTOIR_ERROR_KEYRING: the system keyring is locked or unavailable
 * @COMPTOIR_ERROR_NOT_SUPPORTED: the platform does not offer this (e.g. orders on a directory)
 * @COMPTOIR_ERROR_RATE_LIMITED: the platform asks to slow down; see comptoir_error_get_retry_after()
 *
 * Error codes of %COMPTOIR_ERROR. Messages carried by these errors are
 * already translated and written for a shopkeeper.
 */
typedef enum
{
  COMPTOIR_ERROR_FAILED,
  COMPTOIR_ERROR_INVALID_INPUT,
  COMPTOIR_ERROR_STORE,
  COMPTOIR_ERROR_NEWER_SCHEMA,
  COMPTOIR_ERROR_NOT_FOUND,
  COMPTOIR_ERROR_IMAGE,
  COMPTOIR_ERROR_NETWORK,
  COMPTOIR_ERROR_AUTH,
  COMPTOIR_ERROR_PROTOCOL,
  COMPTOIR_ERROR_CONFLICT,
  COMPTOIR_ERROR_KEYRING,
  COMPTOIR_ERROR_NOT_SUPPORTED,
  COMPTOIR_ERROR_RATE_LIMITED,
} ComptoirError;

GQuark comptoir_error_quark (void);

/* Details a platform gave with an error (COMPTOIR_ERROR is an extended
 * error domain). Server text is never stored here: only what the code
 * switches on. */
void                comptoir_error_set_http_details     (GError       *error,
                                                         guint         status,
                                                         const char   *problem,
                                                         guint         retry_after,
                                                         gint64        current_version,
                                                         const char  **fields);
guint               comptoir_error_get_http_status      (const GError *error);
const char         *comptoir_error_get_problem          (const GError *error);
guint               comptoir_error_get_retry_after      (const GError *error);
gint64              comptoir_error_get_current_version  (const GError *error);
const char * const *comptoir_error_get_fields           (const GError *error);

G_END_DECLS
