// The Flex Consumption plan and the function app. The app is one ASP.NET Core executable run by the Functions
// host as a custom handler: functionAppConfig.runtime is { name: 'custom', version: '1.0' }, the values the
// Flex Consumption stacks API lists for custom handlers (host.json in the package names the executable).
// Every connection is identity-based with the one user-assigned identity; no setting holds a key.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its default host name prefix).')
param name string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Resource id of the app\'s user-assigned managed identity.')
param identityId string

@description('Client id of the app\'s user-assigned managed identity.')
param identityClientId string

@description('Blob service URI of the storage account (https://<account>.blob.<suffix>, no trailing slash).')
param blobServiceUri string

@description('Queue service URI of the storage account (no trailing slash).')
param queueServiceUri string

@description('Table service URI of the storage account (no trailing slash).')
param tableServiceUri string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Highest number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Settings the app reads besides the storage and telemetry connections (Entra, SMTP).')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Phones on slow lines: one connection carries the page's files at once (HTTP/1.1 queues them six at a time,
      // a round trip each) and repeated headers are compressed. docs/frontend.md measures both.
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobServiceUri}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// App Service setting names are case-insensitive, so one setting may serve two readers: the Functions host's
// queue trigger connection "Storage" reads Storage__queueServiceUri, and the app's StorageOptions binds the
// same value as Storage:QueueServiceUri (.NET configuration keys are case-insensitive too).
var connectionSettings = {
  // Functions host storage (timer leases, keys, diagnostics), identity-based.
  AzureWebJobsStorage__blobServiceUri: blobServiceUri
  AzureWebJobsStorage__queueServiceUri: queueServiceUri
  AzureWebJobsStorage__tableServiceUri: tableServiceUri
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId

  // The app's storage (StorageOptions) and the queue trigger connection named "Storage" (function.json).
  Storage__TableServiceUri: tableServiceUri
  Storage__BlobServiceUri: blobServiceUri
  Storage__queueServiceUri: queueServiceUri
  Storage__ManagedIdentityClientId: identityClientId
  Storage__credential: 'managedidentity'
  Storage__clientId: identityClientId

  // Telemetry from the host, sent with the identity (local auth is off on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
}

// A deployment replaces the whole set of app settings: settings added by hand are removed by the next one.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(appSettings, connectionSettings)
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
