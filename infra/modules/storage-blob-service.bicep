// Settings of the blob service: CORS so the page can later upload large files straight to a container with a
// user delegation SAS (shared keys are off, so no other SAS exists), and soft delete as a first line of
// recovery. Deployed after the function app: the allowed origin is the app's own host name.

@description('Name of the existing storage account.')
param storageAccountName string

@description('Browser origins allowed to call the blob service, e.g. https://app.example.ru (scheme and host, no path).')
param allowedOrigins string[]

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 14

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: allowedOrigins
          // Block upload (PUT block / block list), download and the preflight.
          allowedMethods: [
            'GET'
            'HEAD'
            'PUT'
            'OPTIONS'
          ]
          allowedHeaders: [
            'content-type'
            'content-length'
            'x-ms-*'
          ]
          exposedHeaders: [
            'etag'
            'content-length'
            'x-ms-*'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}
