// SPDX-License-Identifier: GPL-3.0-or-later
#include "comptoir-error.h"

typedef struct
{
  guint   status;
  char   *problem;
  guint   retry_after;
  gint64  current_version;
  char  **fields;
} ComptoirErrorPrivate;

static void
comptoir_error_private_init (ComptoirErrorPrivate *priv)
{
}

static void
comptoir_error_private_copy (const ComptoirErrorPrivate *src,
                             ComptoirErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->problem = g_strdup (src->problem);
  dest->retry_after = src->retry_after;
  dest->current_version = src->current_version;
  dest->fields = g_strdupv (src->fields);
}

static void
comptoir_error_private_clear (ComptoirErrorPrivate *priv)
{
  g_clear_pointer (&priv->problem, g_free);
  g_clear_pointer (&priv->fields, g_strfreev);
}

G_DEFINE_EXTENDED_ERROR (ComptoirError, comptoir_error)

/**
 * comptoir_error_set_http_details:
 * @error: an error of %COMPTOIR_ERROR
 * @status: HTTP status, or 0
 * @problem: last segment of the RFC 9457 problem type, or %NULL
 * @retry_after: seconds the platform asks to wait, or 0
 * @current_version: with a version mismatch, the object's version, or 0
 * @fields: (nullable): invalid fields named by the platform
 */
void
comptoir_error_set_http_details (GError      *error,
                                 guint        status,
                                 const char  *problem,
                                 guint        retry_after,
                                 gint64       current_version,
                                 const char **fields)
{
  ComptoirErrorPrivate *priv = comptoir_error_get_private (error);

  g_return_if_fail (priv != NULL);
  priv->status = status;
  g_free (priv->problem);
  priv->problem = g_strdup (problem);
  priv->retry_after = retry_after;
  priv->current_version = current_version;
  g_strfreev (priv->fields);
  priv->fields = g_strdupv ((char **) fields);
}

guint
comptoir_error_get_http_status (const GError *error)
{
  ComptoirErrorPrivate *priv = (error && error->domain == COMPTOIR_ERROR) ? comptoir_error_get_private (error) : NULL;
  return priv ? priv->status : 0;
}

const char *
comptoir_error_get_problem (const GError *error)
{
  ComptoirErrorPrivate *priv = (error && error->domain == COMPTOIR_ERROR) ? comptoir_error_get_private (error) : NULL;
  return priv ? priv->problem : NULL;
}

guint
comptoir_error_get_retry_after (const GError *error)
{
  ComptoirErrorPrivate *priv = (error && error->domain == COMPTOIR_ERROR) ? comptoir_error_get_private (error) : NULL;
  return priv ? priv->retry_after : 0;
}

gint64
comptoir_error_get_current_version (const GError *error)
{
  ComptoirErrorPrivate *priv = (error && error->domain == COMPTOIR_ERROR) ? comptoir_error_get_private (error) : NULL;
  return priv ? priv->current_version : 0;
}

const char * const *
comptoir_error_get_fields (const GError *error)
{
  ComptoirErrorPrivate *priv = (error && error->domain == COMPTOIR_ERROR) ? comptoir_error_get_private (error) : NULL;
  return priv ? (const char * const *) priv->fields : NULL;
}
