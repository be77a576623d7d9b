// Parameters for `az deployment group create --parameters infra/main.bicepparam` (docs/deploy.md).
// Values come from environment variables so no tenant's ids are committed; set them before deploying.
using 'main.bicep'

param environmentName = readEnvironmentVariable('METHODDAYS_ENV_NAME', 'prod')
param maximumInstanceCount = int(readEnvironmentVariable('METHODDAYS_MAX_INSTANCES', '40'))

// Entra ID / External ID app registrations (docs/deploy.md, "Sign-in"); the three ids are required.
param entraTenantId = readEnvironmentVariable('ENTRA_TENANT_ID')
param entraInstance = readEnvironmentVariable('ENTRA_INSTANCE', '')
param entraApiClientId = readEnvironmentVariable('ENTRA_API_CLIENT_ID')
param entraSpaClientId = readEnvironmentVariable('ENTRA_SPA_CLIENT_ID')
param entraSpaAuthority = readEnvironmentVariable('ENTRA_SPA_AUTHORITY', '')

// Outgoing mail (the password is not set here: docs/deploy.md, "SMTP").
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpPort = int(readEnvironmentVariable('SMTP_PORT', '587'))
param smtpFrom = readEnvironmentVariable('SMTP_FROM', '')

// The person or group who seeds the first coordinator and takes backups.
param operatorPrincipalId = readEnvironmentVariable('METHODDAYS_OPERATOR_ID', '')
