// MethodDays in Azure: one function app (custom handler) on Flex Consumption, one storage account with the
// app's tables, queues and containers, Log Analytics + Application Insights, and a user-assigned managed
// identity holding the data roles. No key or connection string anywhere. Deployed into an existing resource
// group (docs/deploy.md): a municipal IT department usually holds rights on one resource group, not on the
// whole subscription that a subscription-scoped template would need.
targetScope = 'resourceGroup'

@description('Short name of the environment (e.g. "prod", "pilot"); with the resource group it seeds every resource name.')
@minLength(1)
@maxLength(16)
param environmentName string

@description('Azure region of all resources. Must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Highest number of instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each function app instance in MB (2048 is the Flex Consumption default).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Directory (tenant) id of the Microsoft Entra ID or External ID tenant people sign in with.')
@minLength(36)
@maxLength(36)
param entraTenantId string

@description('Sign-in instance ending with "/": https://<subdomain>.ciamlogin.com/ for External ID; empty means the cloud\'s Entra ID login endpoint.')
param entraInstance string = ''

@description('Application (client) id of the API app registration (the one exposing access_as_user).')
@minLength(36)
@maxLength(36)
param entraApiClientId string

@description('Audience of the access tokens the API accepts; empty means the API client id (v2 tokens).')
param entraApiAudience string = ''

@description('Application (client) id of the single-page app registration the page signs in with.')
@minLength(36)
@maxLength(36)
param entraSpaClientId string

@description('Authority the page\'s MSAL uses; empty means the sign-in instance followed by the tenant id.')
param entraSpaAuthority string = ''

@description('Scope the page requests for the API; empty means api://<entraApiClientId>/access_as_user.')
param entraSpaScope string = ''

@description('SMTP server that sends notification e-mail.')
param smtpHost string = ''

@description('SMTP port (587 with STARTTLS, 465 with implicit TLS).')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('Sender address of notification e-mail.')
param smtpFrom string = ''

@description('Extra browser origins allowed to upload to blob storage (a custom domain, e.g. https://methoddays.example.ru).')
param extraBrowserOrigins string[] = []

@description('Object id of an operator user or group to grant table, queue and blob data access to (first coordinator, backups); empty for none.')
param operatorPrincipalId string = ''

@description('Kind of the operator principal.')
@allowed([
  'User'
  'Group'
])
param operatorPrincipalType string = 'User'

// The storage names the app declares (AddStorageTable / AddStorageQueue / AddStorageContainer and queue
// triggers). Add a name here when a feature adds one; a test compares these lists with the app.
var tableNames = [
  'municipalities'
  'schools'
  'members'
  'identities'
  'selfassessment'
  'selfassessmentstats'
  'cycles'
  'topics'
  'weeks'
  'effects'
  'calendars'
  'staff'
  'feed'
  'preferences'
  'deliveries'
  'practices'
  'uploads'
  'exports'
  'progress'
  'helpplans'
  'settings'
  'schoolresults'
  'visits'
  'diagnosticrounds'
  'diagnosticresults'
  'routes'
  'observations'
  'observationtemplates'
  'visitreviews'
  'subscription'
]
var queueNames = [
  'notifications'
  'exports'
]
var containerNames = [
  'practices'
  'exports'
  'observation-photos'
  'visit-documents'
  'route-certificates'
]
// Flex Consumption reads the app package from this container.
var deploymentContainerName = 'app-package'

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'methoddays'
}
var names = {
  identity: 'id-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    tables: tableNames
    queues: queueNames
    containers: concat(containerNames, [deploymentContainerName])
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

var signInInstance = empty(entraInstance) ? environment().authentication.loginEndpoint : entraInstance

// Settings the app binds (AuthOptions, Microsoft.Identity.Web's AzureAd section, SMTP). The storage and
// telemetry connections are added by the function-app module.
var appSettings = {
  Auth__Mode: 'Entra'
  AzureAd__Instance: signInInstance
  AzureAd__TenantId: entraTenantId
  AzureAd__ClientId: entraApiClientId
  AzureAd__Audience: empty(entraApiAudience) ? entraApiClientId : entraApiAudience
  Auth__SpaClientId: entraSpaClientId
  Auth__SpaAuthority: empty(entraSpaAuthority) ? '${signInInstance}${entraTenantId}' : entraSpaAuthority
  Auth__SpaScope: empty(entraSpaScope) ? 'api://${entraApiClientId}/access_as_user' : entraSpaScope
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__From: smtpFrom
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: appSettings
  }
  // The host starts as soon as the app exists: let it find its data roles in place.
  dependsOn: [
    roles
  ]
}

var appOrigin = 'https://${functionApp.outputs.defaultHostName}'

module blobService 'modules/storage-blob-service.bicep' = {
  name: 'storage-blob-service'
  params: {
    storageAccountName: storage.outputs.name
    allowedOrigins: concat([appOrigin], extraBrowserOrigins)
  }
}

// Outputs are named after the app settings they match (Storage__TableServiceUri → STORAGE_TABLE_SERVICE_URI).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_DEPLOYMENT_CONTAINER_NAME string = deploymentContainerName
output APP_URL string = appOrigin
output STORAGE_TABLE_SERVICE_URI string = storage.outputs.tableServiceUri
output STORAGE_BLOB_SERVICE_URI string = storage.outputs.blobServiceUri
output STORAGE_QUEUE_SERVICE_URI string = storage.outputs.queueServiceUri
output STORAGE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output AUTH_SPA_AUTHORITY string = appSettings.Auth__SpaAuthority
output AUTH_SPA_SCOPE string = appSettings.Auth__SpaScope
