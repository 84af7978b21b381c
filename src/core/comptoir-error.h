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
} ComptoirError;

GQuark comptoir_error_quark (void);

G_END_DECLS
