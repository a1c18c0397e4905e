namespace Afpakken.Api.Tests;
