namespace Pinterest.Modular.Tests.Unit;
